-- phone_log's ce_id is now its key (V32 made it unique and the projection's claim): the surrogate id keeps its
-- sequence default and still orders a phone's rows (phone_log_mac_time_idx: mac, occurred_at, id), but nothing looks
-- a row up by id, so its own unique index was one more index entry (and WAL record) per event for nothing.
alter table phone_log drop constraint phone_log_pkey;
alter table phone_log add constraint phone_log_pkey primary key using index phone_log_event_id_key;
