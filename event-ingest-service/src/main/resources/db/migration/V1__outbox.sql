-- Every push as received, for audit and replay; kept for telops.ingest.retention.raw
create table raw_push (
    id                 bigserial primary key,
    received_at        timestamptz not null default now(),
    remote_address     text        not null,
    content_type       text,
    body               bytea       not null,
    recognised_count   int         not null,
    unrecognised_count int         not null,
    invalid_count      int         not null
);
create index raw_push_received_at on raw_push (received_at);

-- Transactional outbox: written with raw_push in one transaction before the phone gets its 2xx
create table outbox (
    seq          bigserial primary key,
    ce_id        uuid        not null unique,
    raw_id       bigint      references raw_push (id) on delete set null,
    mac          char(12)    not null,
    ce_type      text        not null,
    ce_time      timestamptz not null,
    payload      text        not null,
    created_at   timestamptz not null default now(),
    published_at timestamptz
);
create index outbox_unpublished on outbox (seq) where published_at is null;
create index outbox_published_at on outbox (published_at) where published_at is not null;

-- Event elements we could not map: unknown types (reason null) and invalid known ones
create table unrecognised_event (
    id          bigserial primary key,
    raw_id      bigint      references raw_push (id) on delete cascade,
    element     text        not null,
    mac         char(12),
    reason      text,
    received_at timestamptz not null default now()
);

-- Phones we have heard from, so state polling knows whom to ask
create table known_phone (
    mac       char(12) primary key,
    ip        text        not null,
    last_seen timestamptz not null
);
