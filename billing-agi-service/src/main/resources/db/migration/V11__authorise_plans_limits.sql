-- billing_authorise for rate plans, currencies and fraud limits (issue #18). Changes from V7:
--  * the caller passes the plan (and time zone) it priced with; the function works out the account's plan
--    (billing_effective_plan) and answers STALE_PLAN with the right one, writing nothing, when they differ
--    (p_check_plan; the service then prices again and repeats: one more round trip, the first call of an account)
--  * refusals DESTINATION_NOT_PERMITTED (the rate's permission is not among the account's), CONCURRENT_CALLS_LIMIT
--    (open reservations), HOURLY_SPEND_LIMIT and DAILY_SPEND_LIMIT: debits of the last 60 min / 24 h plus the holds
--    of calls in progress; the hold of this call is capped by what the limits leave, like the balance caps it.
--    All decided under the account row lock, as the balance is: parallel authorisations cannot overshoot a limit.
--  * the reservation keeps its plan and rate schedule, the account its held total (reserved_minor), and the events
--    carry the account's currency
--  * r_low: the balance before holds is under the low-balance threshold (asked for with p_want_low)
-- The new parameters have defaults, so a call with V7's 21 arguments still runs (without the plan check).
drop function billing_authorise(varchar, varchar, varchar, varchar, varchar, timestamptz, varchar, date, bigint, varchar,
    bigint, integer, integer, bigint, bigint, bigint, varchar, varchar, varchar, varchar, varchar);

create function billing_authorise(
    p_uid varchar, p_imsi varchar, p_clid varchar, p_caller_id varchar, p_destination varchar,
    p_now timestamptz, p_occurred_at varchar, p_today date,
    p_tariff_version bigint, p_prefix varchar, p_rate bigint, p_initial integer, p_subsequent integer, p_fee bigint,
    p_max_call_seconds bigint, p_hold_extra_ms bigint, p_currency varchar,
    p_topic varchar, p_type_authorised varchar, p_type_balance varchar, p_type_refused varchar,
    p_plan_id bigint default null, p_zone varchar default null, p_check_plan boolean default false,
    p_permission varchar default null, p_schedule varchar default null, p_want_low boolean default false)
    returns table (r_outcome varchar, r_account_id bigint, r_username varchar, r_prefix varchar, r_max_seconds integer,
                   r_amount bigint, r_tariff_version bigint, r_plan_id bigint, r_zone varchar, r_low boolean)
    language plpgsql volatile as $$
declare
    a account%rowtype;
    v_groups bigint;
    v_valid bigint;
    v_version bigint;
    v_plan bigint;
    v_group_plan bigint;
    v_reason varchar;
    v_available bigint;
    v_hour bigint;
    v_day bigint;
    v_seconds bigint;
    v_amount bigint;
    v_after bigint;
    v_seq bigint;
    v_threshold bigint;
begin
    if p_imsi is not null then
        select * into a from account where imsi = p_imsi and status <> 'DELETED' for update;
    end if;
    if a.id is null and p_clid is not null then
        select * into a from account where clid = p_clid and status <> 'DELETED' for update;
    end if;

    if a.id is null then
        v_reason := 'UNKNOWN_ACCOUNT';
    elsif a.status <> 'ACTIVE' then
        v_reason := 'ACCOUNT_BLOCKED';
    else
        -- the groups' validity and the plan of the first valid one of the account's currency, in one look
        select count(*), count(*) filter (where g.expires_on >= p_today),
               (array_agg(g.plan_id order by g.id) filter (where g.expires_on >= p_today and gp.currency = a.currency))[1]
          into v_groups, v_valid, v_group_plan
          from group_member m join billing_group g on g.id = m.group_id left join rate_plan gp on gp.id = g.plan_id
         where m.account_id = a.id;
        if v_groups > 0 and v_valid = 0 then
            v_reason := 'GROUP_EXPIRED';
        else
            -- read after the account lock, as the two-statement path read it in its locking statement
            select v.version into v_version from tariff_version v;
            if v_version <> p_tariff_version then
                return query select 'STALE_TARIFF'::varchar, a.id, a.username, null::varchar, null::integer, null::bigint,
                    v_version, null::bigint, null::varchar, false;
                return;
            end if;
            -- as billing_effective_plan (V10), reusing the group look above
            v_plan := coalesce(a.plan_id, v_group_plan,
                               (select d.id from rate_plan d where d.is_default and d.currency = a.currency));
            if p_check_plan and (v_plan is distinct from p_plan_id or a.time_zone is distinct from p_zone) then
                return query select 'STALE_PLAN'::varchar, a.id, a.username, null::varchar, null::integer, null::bigint,
                    v_version, v_plan, a.time_zone::varchar, false;
                return;
            end if;
            if p_prefix is null then
                v_reason := 'NO_TARIFF';
            elsif exists (select 1 from reservation r where r.call_unique_id = p_uid) then
                -- the same uniqueid asking again (a dialplan loop, a retried AGI): one reservation and one Dial per
                -- call, whatever state the first is in; a fresh limit would let the call run on unpaid
                v_reason := 'DUPLICATE_CALL';
            elsif p_permission is not null
                  and not (p_permission = any (string_to_array(coalesce(a.permissions, ''), ','))) then
                v_reason := 'DESTINATION_NOT_PERMITTED';
            elsif a.max_concurrent_calls is not null and (select count(*) from reservation r
                      where r.account_id = a.id and r.state = 'OPEN') >= a.max_concurrent_calls then
                v_reason := 'CONCURRENT_CALLS_LIMIT';
            else
                v_available := a.balance_minor;
                if a.max_spend_hour_minor is not null or a.max_spend_day_minor is not null then
                    select a.reserved_minor + coalesce(sum(-e.amount_minor) filter (where e.created_at > p_now - interval '1 hour'), 0),
                           a.reserved_minor + coalesce(sum(-e.amount_minor), 0)
                      into v_hour, v_day
                      from ledger_entry e
                     where e.account_id = a.id and e.kind = 'DEBIT' and e.created_at > p_now - interval '1 day';
                    v_available := least(v_available, a.max_spend_hour_minor - v_hour, a.max_spend_day_minor - v_day);
                end if;
                v_seconds := billing_max_affordable_seconds(v_available, p_max_call_seconds, p_rate, p_initial, p_subsequent, p_fee);
                if v_seconds <= 0 then
                    if billing_max_affordable_seconds(a.balance_minor, p_max_call_seconds, p_rate, p_initial, p_subsequent, p_fee) <= 0 then
                        v_reason := 'INSUFFICIENT_BALANCE';
                    elsif a.max_spend_hour_minor is not null and a.max_spend_hour_minor - v_hour = v_available then
                        v_reason := 'HOURLY_SPEND_LIMIT';
                    else
                        v_reason := 'DAILY_SPEND_LIMIT';
                    end if;
                end if;
            end if;
        end if;
    end if;

    if v_reason is not null then
        insert into outbox_event (id, topic, event_key, ce_type, payload, occurred_at)
        values (gen_random_uuid(), p_topic, coalesce(a.id::varchar, 'clid:' || p_caller_id), p_type_refused,
                json_strip_nulls(json_build_object('accountId', a.id, 'callUniqueId', p_uid, 'callerId', p_caller_id,
                    'destination', p_destination, 'reason', v_reason, 'occurredAt', p_occurred_at))::text, p_now);
        return query select v_reason, a.id, a.username, null::varchar, null::integer, null::bigint, v_version,
            v_plan, a.time_zone::varchar, false;
        return;
    end if;

    v_amount := billing_cost(v_seconds, p_rate, p_initial, p_subsequent, p_fee);
    v_after := a.balance_minor - v_amount; -- >= 0: the affordable length keeps the cost within the locked balance
    insert into reservation (call_unique_id, account_id, amount_minor, max_seconds, destination, tariff_prefix,
        rate_per_minute_minor, initial_increment, subsequent_increment, connection_fee_minor, state, created_at, expires_at,
        plan_id, rate_schedule)
    values (p_uid, a.id, v_amount, v_seconds, p_destination, p_prefix, p_rate, p_initial, p_subsequent, p_fee, 'OPEN', p_now,
            p_now + (p_hold_extra_ms + v_seconds * 1000) * interval '1 millisecond', v_plan, p_schedule);
    insert into ledger_entry (account_id, kind, amount_minor, balance_after, call_unique_id, note, actor, created_at)
    values (a.id, 'RESERVATION', -v_amount, v_after, p_uid, 'reserved ' || v_seconds || ' s', 'agi', p_now);
    update account set balance_minor = v_after, reserved_minor = reserved_minor + v_amount, ledger_seq = ledger_seq + 1,
                       updated_at = p_now
     where id = a.id returning ledger_seq into v_seq;
    insert into outbox_event (id, topic, event_key, ce_type, payload, occurred_at)
    values (gen_random_uuid(), p_topic, a.id::varchar, p_type_authorised,
            json_build_object('accountId', a.id, 'username', a.username, 'callUniqueId', p_uid, 'callerId', p_caller_id,
                'destination', p_destination, 'tariffPrefix', p_prefix, 'maxSeconds', v_seconds, 'reservedMinor', v_amount,
                'currency', a.currency, 'occurredAt', p_occurred_at)::text, p_now),
           (gen_random_uuid(), p_topic, a.id::varchar, p_type_balance,
            json_build_object('accountId', a.id, 'username', a.username, 'deltaMinor', -v_amount, 'balanceMinor', v_after,
                'currency', a.currency, 'reason', 'CALL_RESERVED', 'occurredAt', p_occurred_at, 'ledgerSeq', v_seq)::text, p_now);
    if p_want_low then
        v_threshold := coalesce(a.low_balance_minor, (select p.low_balance_minor from rate_plan p where p.id = v_plan));
    end if;
    return query select 'GRANTED'::varchar, a.id, a.username, p_prefix, v_seconds::integer, v_amount, v_version, v_plan,
        a.time_zone::varchar, coalesce(a.balance_minor + a.reserved_minor < v_threshold, false);
end
$$;
