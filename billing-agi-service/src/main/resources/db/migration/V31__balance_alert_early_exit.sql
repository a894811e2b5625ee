-- The balance-alert trigger (V10, table renamed by V30) worked out the account's plan on every balance change
-- (billing_low_balance_threshold -> billing_effective_plan: two SQL function calls and up to two lookups), even
-- where no account and no plan has a threshold, which is every deployment that does not use alerts. Now: the
-- account's own threshold decides at once; without one, a probe of the partial index below says whether any plan
-- has one, and only then is the plan worked out. Same decisions as V10 (a threshold of null: nothing happens).
create index rate_plan_with_low_balance on rate_plan (id) where low_balance_minor is not null;

create or replace function billing_balance_alert() returns trigger language plpgsql as $$
declare
    v_threshold bigint := new.low_balance_minor;
    v_balance bigint := new.balance_minor + new.reserved_minor;
    v_type varchar;
begin
    new.low_balance_alerted := old.low_balance_alerted; -- whatever an UPDATE sent: this trigger owns the flag
    if v_threshold is null then
        if not exists (select 1 from rate_plan p where p.low_balance_minor is not null) then
            return new;
        end if;
        v_threshold := billing_low_balance_threshold(new);
        if v_threshold is null then
            return new;
        end if;
    end if;
    if v_balance < v_threshold and not old.low_balance_alerted then
        new.low_balance_alerted := true;
        v_type := 'io.telops.billing.balance-low.v1';
    elsif v_balance >= v_threshold and old.low_balance_alerted then
        new.low_balance_alerted := false;
        v_type := 'io.telops.billing.balance-recovered.v1';
    else
        return new;
    end if;
    insert into telops_outbox (id, topic, event_key, ce_type, payload, occurred_at)
    values (gen_random_uuid(), 'telops.billing-events', new.id::varchar, v_type,
            json_strip_nulls(json_build_object('accountId', new.id, 'username', new.username, 'balanceMinor', v_balance,
                'thresholdMinor', v_threshold, 'currency', new.currency,
                'occurredAt', to_char(now() at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'),
                'ledgerSeq', nullif(new.ledger_seq, 0)))::text, now());
    return new;
end
$$;
