-- Accounts: who may call. balance_minor is the available balance, kept equal to the sum of the
-- account's ledger entries under the account row lock (SELECT ... FOR UPDATE).
create table account (
    id              bigint generated always as identity primary key,
    username        varchar(64)  not null unique,
    password_hash   varchar(100) not null,
    clid            varchar(32)  not null unique,
    imsi            varchar(20)  unique,
    admin           boolean      not null default false,
    status          varchar(16)  not null check (status in ('ACTIVE', 'BLOCKED', 'DELETED')),
    balance_minor   bigint       not null default 0 check (balance_minor >= 0),
    created_at      timestamptz  not null,
    updated_at      timestamptz  not null
);

-- Append-only: signed amounts in minor units; balance_after is the account balance once applied.
create table ledger_entry (
    id              bigint generated always as identity primary key,
    account_id      bigint      not null references account (id),
    kind            varchar(16) not null check (kind in ('TOPUP', 'DEBIT', 'ADJUSTMENT', 'RESERVATION', 'RELEASE')),
    amount_minor    bigint      not null,
    balance_after   bigint      not null check (balance_after >= 0),
    call_unique_id  varchar(64),
    note            varchar(200),
    actor           varchar(64),
    created_at      timestamptz not null
);
create index ledger_entry_account on ledger_entry (account_id, id);

create table tariff (
    prefix                  varchar(32) primary key,
    description             varchar(100),
    rate_per_minute_minor   bigint  not null check (rate_per_minute_minor >= 0),
    initial_increment       integer not null check (initial_increment > 0),
    subsequent_increment    integer not null check (subsequent_increment > 0),
    connection_fee_minor    bigint  not null default 0 check (connection_fee_minor >= 0)
);

-- One per authorised call (Asterisk uniqueid); settled once, or expired and released by the sweeper.
create table reservation (
    id                  bigint generated always as identity primary key,
    call_unique_id      varchar(64) not null unique,
    account_id          bigint      not null references account (id),
    amount_minor        bigint      not null check (amount_minor >= 0),
    max_seconds         integer     not null,
    destination         varchar(64) not null,
    tariff_prefix       varchar(32) not null,
    rate_per_minute_minor bigint    not null,
    initial_increment   integer     not null,
    subsequent_increment integer    not null,
    connection_fee_minor bigint     not null,
    state               varchar(16) not null check (state in ('OPEN', 'SETTLED', 'EXPIRED')),
    created_at          timestamptz not null,
    expires_at          timestamptz not null
);
create index reservation_open_expiry on reservation (expires_at) where state = 'OPEN';

create table cdr (
    id              bigint generated always as identity primary key,
    call_unique_id  varchar(64) not null unique,
    account_id      bigint      not null references account (id),
    caller_id       varchar(64) not null,
    destination     varchar(64) not null,
    channel         varchar(128),
    tariff_prefix   varchar(32) not null,
    billsec         integer     not null,
    billed_seconds  integer     not null,
    amount_minor    bigint      not null,
    settled_at      timestamptz not null
);
create index cdr_account_time on cdr (account_id, settled_at);
create index cdr_time on cdr (settled_at);

-- Groups (the seed's "schedules"): a named set of accounts with an expiry date and a count of
-- remaining periodic credits.
create table billing_group (
    id                  bigint generated always as identity primary key,
    name                varchar(64) not null unique,
    expires_on          date        not null,
    remaining_count     integer     not null check (remaining_count >= 0),
    credit_minor        bigint      not null default 0 check (credit_minor >= 0),
    last_credited_on    date
);
create table group_member (
    group_id    bigint not null references billing_group (id) on delete cascade,
    account_id  bigint not null references account (id),
    primary key (group_id, account_id)
);
create index group_member_account on group_member (account_id);

-- Transactional outbox: written in the same transaction as the ledger change, relayed to Kafka.
create table outbox_event (
    id              uuid primary key,
    seq             bigint generated always as identity,
    topic           varchar(100) not null,
    event_key       varchar(100) not null,
    ce_type         varchar(100) not null,
    payload         text         not null,
    occurred_at     timestamptz  not null,
    published_at    timestamptz
);
create index outbox_unpublished on outbox_event (seq) where published_at is null;
