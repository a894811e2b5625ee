-- platform/outbox owns the outbox now: table telops_outbox, created by the module's own migrations at start-up
-- (history telops_outbox_schema_history). The events still waiting in outbox go to telops_outbox_upgrade, which the
-- module moves into telops_outbox in seq order (under the same ce_ids) before its relay starts. Rows are deleted
-- once published (V2), so every row left here is pending; the raw_id link goes (raw_push is the audit record, and
-- replay re-derives the events from it under the same ce_ids).
create table telops_outbox_upgrade as
    select seq, ce_id as id, 'telops.phone-events'::text as topic, mac::text as event_key, ce_type, payload,
           ce_time as occurred_at
    from outbox where published_at is null;
drop table outbox;
