-- Low balance, from billing's balance-low / balance-recovered (key = account id). Like the balance, the latest state
-- is the one with the highest ledger sequence (billing's per-account commit order); events without one apply by
-- (event time, Kafka offset) until a sequenced one arrives. low_since: when the account crossed below its threshold.
alter table bl_account
    add column low                 boolean not null default false,
    add column low_threshold_minor bigint,
    add column low_balance_minor   bigint,
    add column low_since           timestamptz,
    add column low_seq             bigint,
    add column low_at              timestamptz,
    add column low_offset          bigint;
create index bl_account_low_idx on bl_account (low_since desc) where low;
