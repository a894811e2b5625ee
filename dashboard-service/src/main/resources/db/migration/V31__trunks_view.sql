-- Trunks view of telops.vats-trunks (io.telops.dashboard.trunks).
-- One row a trunk: the state last observed in the MTS cabinet. state_at is the observation instant the row
-- shows; an event observed earlier than that (arriving late) goes to the history but never changes the row.
create table trunk_view (
    trunk_id            varchar(40)  primary key,
    enterprise_id       varchar(40)  not null,
    phone_number        varchar(40)  not null,
    display_name        varchar(300),
    activated           boolean      not null,
    marked_for_deletion boolean      not null,
    binding_working     boolean      not null,
    blocked             boolean      not null,
    sip_device_on       boolean      not null,
    -- false once the producer reported the trunk DISAPPEARED (the flags keep its last known state)
    present             boolean      not null,
    state_at            timestamptz  not null,
    last_change_at      timestamptz,
    last_changes        varchar(400),
    last_change_origin  varchar(20),
    last_snapshot_id    varchar(64),
    last_snapshot_at    timestamptz,
    first_seen_at       timestamptz  not null,
    updated_at          timestamptz  not null
);
create index trunk_view_updated_idx on trunk_view (updated_at desc);

-- Every change of a trunk: one row per trunk-changed event (origin SYNC or OPERATOR), and a row of origin
-- SNAPSHOT when a snapshot showed a state no change event had brought (a change the view had missed).
-- applied = false: observed before the state already shown, so it is history only.
create table trunk_change (
    id             varchar(200) primary key,
    trunk_id       varchar(40)  not null,
    observed_at    timestamptz  not null,
    changes        varchar(400) not null,
    origin         varchar(20)  not null,
    actor          varchar(200),
    run_id         varchar(64),
    previous_state text,
    current_state  text,
    applied        boolean      not null,
    received_at    timestamptz  not null
);
create index trunk_change_trunk_idx on trunk_change (trunk_id, observed_at desc, id);

-- Snapshot runs as they arrive: complete once as many distinct trunks as snapshotSize were seen.
create table trunk_snapshot_run (
    snapshot_id   varchar(64)  primary key,
    enterprise_id varchar(40)  not null,
    snapshot_size integer      not null,
    seen          integer      not null,
    observed_at   timestamptz  not null,
    completed_at  timestamptz
);
create index trunk_snapshot_run_latest_idx on trunk_snapshot_run (enterprise_id, observed_at desc) where completed_at is not null;
