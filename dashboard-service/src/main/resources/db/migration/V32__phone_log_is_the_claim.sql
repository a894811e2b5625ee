-- A phone event's claim is its own log row: the projection inserts the batch's phone_log rows with
-- ON CONFLICT (event_id) DO NOTHING RETURNING event_id as the first statement of its transaction and applies only
-- the events that came back. Before, every phone event also wrote a processed_event row (heap tuple plus an entry in
-- its primary key) next to its log row; now it writes one index entry more on phone_log instead. processed_event
-- still remembers the records that are not applied (malformed, unknown type, set aside) and the events claimed before
-- this migration, and the claim skips any ce_id found there.
create unique index phone_log_event_id_key on phone_log (event_id);
