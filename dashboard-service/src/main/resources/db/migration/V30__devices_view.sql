-- Devices view of telops.provisioning-events (io.telops.dashboard.devices).
-- One row a device MAC: its record as provisioning-service last described it and its last config fetch.
-- Each group of columns carries the event instant it came from, so an older event arriving late
-- never overwrites a newer state (lifecycle_at for the record, last_fetch_at for the fetch).
create table device_view (
    mac                   char(12)     primary key,
    brand                 varchar(64),
    family                varchar(64),
    model                 varchar(64),
    site_id               varchar(200),
    template_id           varchar(300),
    pinned_version        integer,
    line_count            integer,
    enabled               boolean,
    mac_lock              boolean,
    deleted               boolean      not null default false,
    lifecycle_at          timestamptz,
    -- the last created/changed event that alters the rendered config (lines, keys, template, site...)
    config_changed_at     timestamptz,
    last_fetch_at         timestamptz,
    last_fetch_ip         varchar(64),
    last_user_agent       varchar(500),
    last_fetch_file       varchar(200),
    last_template_id      varchar(300),
    last_template_version integer,
    last_fetch_status     varchar(20),
    fetch_count           bigint       not null default 0,
    first_seen_at         timestamptz  not null,
    updated_at            timestamptz  not null
);
create index device_view_updated_idx on device_view (updated_at desc);

-- The newest version of each template that any device fetched: what "current" means for a device
-- that follows its template's latest version (no event announces a new template version).
create table device_template_version (
    template_id    varchar(300) primary key,
    latest_version integer      not null,
    seen_at        timestamptz  not null
);

-- Refused config fetches, kept for telops.dashboard.devices.auth-failure-retention. Not tied to
-- device_view: a MAC nobody provisioned makes no device row, its failures count per client address.
create table device_auth_failure (
    event_id    varchar(200) primary key,
    mac         char(12)     not null,
    client_ip   varchar(64)  not null,
    user_agent  varchar(500),
    file_name   varchar(200) not null,
    reason      varchar(40)  not null,
    occurred_at timestamptz  not null
);
create index device_auth_failure_mac_idx on device_auth_failure (mac, occurred_at desc);
create index device_auth_failure_ip_idx on device_auth_failure (client_ip, occurred_at desc);
create index device_auth_failure_time_idx on device_auth_failure (occurred_at);
