-- platform/outbox owns the outbox now (table telops_outbox, created by its own migration at start-up). The events
-- still waiting in outbox go to telops_outbox_upgrade, which the module moves into telops_outbox in seq order before
-- its relay starts; published ones are history on the topic.
CREATE TABLE telops_outbox_upgrade AS
    SELECT seq, event_id AS id, 'telops.vats-trunks'::text AS topic, event_key, event_type AS ce_type, payload, occurred_at
    FROM outbox WHERE published_at IS NULL;
DROP TABLE outbox;
