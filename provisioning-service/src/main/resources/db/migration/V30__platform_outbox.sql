-- platform/outbox owns the outbox now (table telops_outbox, created by its own migration at start-up). The events
-- still waiting in outbox_event go to telops_outbox_upgrade, which the module moves into telops_outbox in the old
-- relay's order before its relay starts; published ones are history on the topic.
CREATE TABLE telops_outbox_upgrade AS
    SELECT row_number() OVER (ORDER BY occurred_at, id) AS seq, id, 'telops.provisioning-events'::text AS topic,
           mac AS event_key, event_type AS ce_type, payload, occurred_at
    FROM outbox_event WHERE published_at IS NULL;
DROP TABLE outbox_event;
