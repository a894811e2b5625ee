-- Every consumed CloudEvent, inserted first in the same transaction as the read-model change:
-- a redelivered ce_id conflicts here and is skipped, so each event is applied exactly once.
create table processed_event (
    event_id     varchar(200) primary key,
    topic        varchar(120) not null,
    event_type   varchar(200),
    outcome      varchar(20)  not null,
    processed_at timestamptz  not null default now()
);

-- One row a phone: what the cards show. Status columns are the phone's last reported state;
-- "offline" is derived at read time from last_heard_at and the configured silence window.
create table phone (
    mac            char(12)     primary key,
    ip             varchar(64)  not null,
    model          varchar(120),
    state          varchar(20)  not null,
    registration   varchar(20)  not null,
    off_hook       boolean      not null default false,
    locked         boolean      not null default false,
    lines          text[]       not null default '{}',
    users          text[]       not null default '{}',
    first_heard_at timestamptz  not null,
    last_heard_at  timestamptz  not null,
    updated_at     timestamptz  not null,
    event_count    bigint       not null default 0
);
create index phone_last_heard_idx on phone (last_heard_at desc);

-- Words an operator searches a phone by: line addresses and numbers, users, party names and numbers.
create table phone_term (
    mac  char(12)     not null references phone (mac),
    kind varchar(20)  not null,
    term varchar(200) not null,
    primary key (mac, kind, term)
);
create index phone_term_term_idx on phone_term (lower(term));

create sequence phone_log_seq increment by 50;
create table phone_log (
    id             bigint       primary key,
    mac            char(12)     not null references phone (mac),
    event_id       varchar(200) not null,
    event_type     varchar(60)  not null,
    occurred_at    timestamptz  not null,
    utc_offset     varchar(10)  not null,
    summary        varchar(500) not null,
    call_reference varchar(100),
    body           text         not null
);
create index phone_log_mac_time_idx on phone_log (mac, occurred_at desc, id desc);

create sequence phone_call_seq increment by 50;
create table phone_call (
    id                        bigint       primary key,
    mac                       char(12)     not null references phone (mac),
    call_reference            varchar(100) not null,
    line_number               integer,
    line_dir_number           varchar(200),
    call_type                 varchar(40),
    calling_name              varchar(200),
    calling_number            varchar(200),
    called_name               varchar(200),
    called_number             varchar(200),
    last_state                varchar(40)  not null,
    started_at                timestamptz  not null,
    connected_at              timestamptz,
    ended_at                  timestamptz,
    duration_seconds          bigint,
    reported_duration_seconds integer
);
create index phone_call_mac_time_idx on phone_call (mac, started_at desc, id desc);
create index phone_call_open_idx on phone_call (mac, call_reference) where ended_at is null;

-- The other topics, kept generically from their CloudEvents headers and JSON body.
create table feed_event (
    event_id    varchar(200) primary key,
    topic       varchar(120) not null,
    event_type  varchar(200) not null,
    event_key   varchar(200) not null,
    source      varchar(200),
    occurred_at timestamptz  not null,
    received_at timestamptz  not null,
    body        text         not null
);
create index feed_event_topic_time_idx on feed_event (topic, occurred_at desc);
create index feed_event_topic_key_time_idx on feed_event (topic, event_key, occurred_at desc);
