-- Typed read model of telops.call-events (call-forward-service). Line and number events are keyed by line id,
-- call events by Plivo CallUUID, so the two streams travel on different partitions and may arrive in any order
-- relative to each other: every table is written by upserts, no foreign keys, and every column that only one
-- event type can fill is nullable until that event arrives.

-- A forwarding line. A call naming a line not seen yet creates the row with only line_id (status unknown);
-- line-changed fills the rest, applied only when its version is newer than the stored one.
create table cf_line (
    line_id           text        primary key,
    name              text,
    owner             text,
    status            text,
    forward_number    text,
    voicemail_number  text,
    sip_endpoint      text,
    mobile            text,
    ring_strategy     text,
    voicemail_enabled boolean,
    version           bigint,
    changed_at        timestamptz,
    first_seen_at     timestamptz not null,
    updated_at        timestamptz not null
);

-- The Plivo numbers a line rented, each with its current state (rented/released); a later event wins.
create table cf_line_number (
    line_id        text        not null,
    number         text        not null,
    purpose        text        not null,
    status         text        not null,
    app_id         text,
    release_reason text,
    rented_at      timestamptz,
    released_at    timestamptz,
    status_at      timestamptz not null,
    primary key (line_id, number)
);

-- One inbound call. started_at is when call-received says it arrived, or the first event heard of it until then.
create table cf_call (
    call_uuid        text        primary key,
    line_id          text,
    from_number      text,
    to_number        text,
    route            text,
    received_at      timestamptz,
    started_at       timestamptz not null,
    outcome          text,
    hangup_cause     text,
    duration_seconds integer,
    completed_at     timestamptz,
    updated_at       timestamptz not null
);
create index cf_call_started_idx on cf_call (started_at desc, call_uuid);
create index cf_call_line_started_idx on cf_call (line_id, started_at desc, call_uuid);

-- Each Dial leg a call tried (sip, mobile, simultaneous) with its DialStatus. call-forwarded gives the details
-- and the time; call-completed's path gives the order (path_index) and fills legs whose call-forwarded is late.
create table cf_call_leg (
    call_uuid     text        not null,
    leg           text        not null,
    targets       text,
    dial_status   text        not null,
    hangup_cause  text,
    b_leg_uuid    text,
    next_step     text,
    occurred_at   timestamptz,
    path_index    integer,
    primary key (call_uuid, leg)
);

-- A voicemail (one per Plivo RecordingID) and the state of its notification SMS. SMS events may name a
-- recording whose voicemail-recorded has not been applied yet, so the recording columns are nullable.
create table cf_voicemail (
    recording_id        text        primary key,
    call_uuid           text        not null,
    line_id             text        not null,
    caller              text,
    duration_seconds    integer,
    record_url          text,
    recorded_at         timestamptz,
    sms_id              text,
    sms_to              text,
    sms_status          text        not null default 'pending',
    sms_attempts        integer,
    sms_reason          text,
    sms_message_uuid    text,
    sms_at              timestamptz,
    updated_at          timestamptz not null
);
create index cf_voicemail_recorded_idx on cf_voicemail (recorded_at desc nulls last, recording_id);
create index cf_voicemail_line_idx on cf_voicemail (line_id, recorded_at desc nulls last);
create index cf_voicemail_call_idx on cf_voicemail (call_uuid);

-- Plivo's delivery reports of the notification SMS, by sms id; the latest report wins. Kept apart from the
-- voicemail because a report names the SMS, not the recording.
create table cf_sms_delivery (
    sms_id       text        primary key,
    status       text        not null,
    error_code   text,
    message_uuid text,
    reported_at  timestamptz not null
);
create index cf_voicemail_sms_idx on cf_voicemail (sms_id);
