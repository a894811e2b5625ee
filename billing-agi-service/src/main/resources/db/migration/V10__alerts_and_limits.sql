-- Low-balance alerts (issue #18 item 2) and fraud limits (item 3), per account.
--   low_balance_minor      the account's threshold; null: its plan's (rate_plan.low_balance_minor); both null: no alerts
--   low_balance_alerted    below the threshold and balance-low sent; cleared (balance-recovered) at or above it again.
--                          Not mapped by Hibernate: only the trigger below writes it.
--   max_concurrent_calls   open reservations at most (calls in progress); null: no limit
--   max_spend_*_minor      debits of the last 60 min / 24 h plus the holds of calls in progress, at most; null: no limit
--   permissions            comma-separated tags; a plan rate with a permission needs its tag here
alter table account
    add column low_balance_minor    bigint      check (low_balance_minor >= 0),
    add column low_balance_alerted  boolean     not null default false,
    add column max_concurrent_calls integer     check (max_concurrent_calls >= 0),
    add column max_spend_hour_minor bigint      check (max_spend_hour_minor >= 0),
    add column max_spend_day_minor  bigint      check (max_spend_day_minor >= 0),
    add column permissions          varchar(400) check (permissions ~ '^[A-Za-z0-9_-]{1,32}(,[A-Za-z0-9_-]{1,32})*$');

create index reservation_open_by_account on reservation (account_id) where state = 'OPEN';
create index ledger_entry_debits on ledger_entry (account_id, created_at) where kind = 'DEBIT';

-- The plan that applies to an account: its own, else that of its valid group (lowest id) of its currency, else the
-- default plan of its currency; null when none.
create function billing_effective_plan(p_account_id bigint, p_own bigint, p_currency varchar, p_today date) returns bigint
    language sql stable as $$
    select coalesce(p_own,
        (select g.plan_id from group_member m join billing_group g on g.id = m.group_id join rate_plan gp on gp.id = g.plan_id
          where m.account_id = p_account_id and g.expires_on >= p_today and gp.currency = p_currency order by g.id limit 1),
        (select d.id from rate_plan d where d.is_default and d.currency = p_currency))
$$;

create function billing_low_balance_threshold(p_account account) returns bigint language sql stable as $$
    select coalesce(p_account.low_balance_minor,
        (select p.low_balance_minor from rate_plan p where p.id = billing_effective_plan(p_account.id, p_account.plan_id,
            p_account.currency, (now() at time zone 'UTC')::date)))
$$;

-- Fires only when the balance before holds (balance_minor + reserved_minor) moves: a settle's debit, a top-up, a
-- deduction, a late settle; never a reservation or its release, which only move money between the two columns. So
-- an alert follows what the caller has, not the hold of the call in progress, and the authorise path pays nothing.
-- The event is written in the transaction of the change that crossed the threshold.
create function billing_balance_alert() returns trigger language plpgsql as $$
declare
    v_threshold bigint := billing_low_balance_threshold(new);
    v_balance bigint := new.balance_minor + new.reserved_minor;
    v_type varchar;
begin
    new.low_balance_alerted := old.low_balance_alerted; -- whatever an UPDATE sent: this trigger owns the flag
    if v_threshold is null then
        return new;
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
    insert into outbox_event (id, topic, event_key, ce_type, payload, occurred_at)
    values (gen_random_uuid(), 'telops.billing-events', new.id::varchar, v_type,
            json_strip_nulls(json_build_object('accountId', new.id, 'username', new.username, 'balanceMinor', v_balance,
                'thresholdMinor', v_threshold, 'currency', new.currency,
                'occurredAt', to_char(now() at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'),
                'ledgerSeq', nullif(new.ledger_seq, 0)))::text, now());
    return new;
end
$$;

create trigger account_balance_alert before update on account for each row
    when (old.balance_minor + old.reserved_minor <> new.balance_minor + new.reserved_minor)
    execute function billing_balance_alert();
