-- platform/outbox owns the outbox now (table telops_outbox, created by its own migration at start-up, history in
-- telops_outbox_schema_history). The events still waiting in outbox_event go to telops_outbox_upgrade, which the
-- module moves into telops_outbox, in seq order, before its relay starts; published ones are history on the topic.
create table telops_outbox_upgrade as
    select seq, id, topic, event_key, ce_type, payload, occurred_at from outbox_event where published_at is null;
drop table outbox_event;

-- Every billing function that writes events (billing_authorise, the balance-alert trigger ...) now writes them to
-- telops_outbox: each is recreated from its own current definition with only the table renamed, so this migration
-- does not copy (and cannot drift from) the functions the earlier migrations defined. plpgsql resolves the table
-- when a function first runs, after the module has created it.
do $$
declare
    f record;
begin
    for f in select p.oid from pg_proc p join pg_namespace n on n.oid = p.pronamespace
             where n.nspname = current_schema() and p.prolang = (select oid from pg_language where lanname = 'plpgsql')
               and p.prosrc like '%outbox_event%' loop
        execute replace(pg_get_functiondef(f.oid), 'outbox_event', 'telops_outbox');
    end loop;
end $$;
