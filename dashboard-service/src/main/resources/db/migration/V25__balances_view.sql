-- Typed read model of telops.billing-events (billing-agi-service): accounts with their current balance and the
-- ledger-relevant events. Events are keyed by account id (a refusal of an unknown caller by clid:<caller id>), so
-- one account's events share a partition; the balance still takes the latest by (event time, offset), so a
-- replayed older balance-changed cannot move it back. Upserts only, no foreign keys.
create table bl_account (
    account_id        bigint      primary key,
    username          text,
    currency          text,
    balance_minor     bigint,
    balance_at        timestamptz,
    balance_offset    bigint,
    calls_authorised  bigint      not null default 0,
    calls_refused     bigint      not null default 0,
    calls_settled     bigint      not null default 0,
    spent_minor       bigint      not null default 0,
    first_seen_at     timestamptz not null,
    last_event_at     timestamptz not null
);
create index bl_account_last_idx on bl_account (last_event_at desc, account_id);

-- One row per applied billing event (ce_id), with the amounts an operator checks a balance against.
create table bl_event (
    event_id      text        primary key,
    event_key     text        not null,
    account_id    bigint,
    kind          text        not null,
    occurred_at   timestamptz not null,
    amount_minor  bigint,
    balance_minor bigint,
    currency      text,
    reason        text,
    call_id       text,
    caller_id     text,
    destination   text,
    summary       text        not null,
    applied_seq   bigint      generated always as identity
);
-- events of the same instant (a settlement and its balance change) keep the order they were applied in
create index bl_event_account_idx on bl_event (account_id, occurred_at desc, applied_seq desc);
create index bl_event_time_idx on bl_event (occurred_at desc, applied_seq desc);
