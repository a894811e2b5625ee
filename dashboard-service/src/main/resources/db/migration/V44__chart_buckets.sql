-- Chart aggregates, kept by the projections in the transaction that claims each event, so a redelivered event never
-- counts twice and a chart is read from at most a few thousand rows, never from the event logs. `shard` is the Kafka
-- partition for the phone consumers (three transactions at once would otherwise queue on one row per minute); the
-- charts sum over it. `value` is a count, an amount in minor units (spend) or a sampled gauge (phones online).
create table chart_bucket (
    chart        varchar(40)  not null,
    series       varchar(200) not null,
    shard        int          not null default 0,
    bucket_start timestamptz  not null,
    value        bigint       not null,
    primary key (chart, bucket_start, series, shard)
);

-- the outcome and hour a completed call is counted under in the calls chart: a later event that changes either (a
-- late call-received moving the start, a mobile leg completing) moves the call from one bucket to the other
alter table cf_call add column charted_outcome varchar(30), add column charted_hour timestamptz;
