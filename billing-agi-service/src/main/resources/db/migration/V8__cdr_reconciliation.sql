-- What operators reconcile a CDR with (issue #22 item 5). All nullable: rows settled before V8, and PBXes that do not
-- pass a value, have none; adding a nullable column without a default rewrites no row.
--   duration            CDR(duration): seconds from the channel's start, ringing included
--   dial_status         DIALSTATUS (ANSWER, BUSY, NOANSWER, ...)
--   hangup_cause        HANGUPCAUSE (Q.850 cause code)
--   dialled_peer        DIALEDPEERNUMBER: the B-party as Dial reached it
--   caller_imsi         the telops.billing.imsi-variable channel variable at settle
--   callee_imsi         the telops.billing.callee-imsi-variable channel variable at settle
--   rate_* / *_increment / connection_fee_minor: the tariff the call was rated with (from its reservation)
alter table cdr
    add column duration              integer,
    add column dial_status           varchar(16),
    add column hangup_cause          integer,
    add column dialled_peer          varchar(128),
    add column caller_imsi           varchar(20),
    add column callee_imsi           varchar(20),
    add column rate_per_minute_minor bigint,
    add column initial_increment     integer,
    add column subsequent_increment  integer,
    add column connection_fee_minor  bigint;
