-- platform/outbox owns the outbox now (table telops_outbox, created by its own migration at start-up, history in
-- telops_outbox_schema_history). The events still waiting in outbox_event go to telops_outbox_upgrade, which the
-- module moves into telops_outbox, in seq order, before its relay starts; published ones are history on the topic.
create table telops_outbox_upgrade as
    select seq, id, topic, event_key, ce_type, payload, occurred_at from outbox_event where published_at is null;
drop table outbox_event;

-- V7's billing_authorise, unchanged but for the table it writes its events to (plpgsql resolves the table when it
-- first runs, after the module created it).
create or replace function billing_authorise(
    p_uid varchar, p_imsi varchar, p_clid varchar, p_caller_id varchar, p_destination varchar,
    p_now timestamptz, p_occurred_at varchar, p_today date,
    p_tariff_version bigint, p_prefix varchar, p_rate bigint, p_initial integer, p_subsequent integer, p_fee bigint,
    p_max_call_seconds bigint, p_hold_extra_ms bigint, p_currency varchar,
    p_topic varchar, p_type_authorised varchar, p_type_balance varchar, p_type_refused varchar)
    returns table (r_outcome varchar, r_account_id bigint, r_username varchar, r_prefix varchar, r_max_seconds integer,
                   r_amount bigint, r_tariff_version bigint)
    language plpgsql volatile as $$
declare
    v_id bigint;
    v_username varchar;
    v_status varchar;
    v_balance bigint;
    v_groups bigint;
    v_valid bigint;
    v_version bigint;
    v_reason varchar;
    v_seconds bigint;
    v_amount bigint;
    v_after bigint;
    v_seq bigint;
begin
    if p_imsi is not null then
        select a.id, a.username, a.status, a.balance_minor into v_id, v_username, v_status, v_balance
          from account a where a.imsi = p_imsi and a.status <> 'DELETED' for update;
    end if;
    if v_id is null and p_clid is not null then
        select a.id, a.username, a.status, a.balance_minor into v_id, v_username, v_status, v_balance
          from account a where a.clid = p_clid and a.status <> 'DELETED' for update;
    end if;

    if v_id is null then
        v_reason := 'UNKNOWN_ACCOUNT';
    elsif v_status <> 'ACTIVE' then
        v_reason := 'ACCOUNT_BLOCKED';
    else
        select count(*), count(*) filter (where g.expires_on >= p_today) into v_groups, v_valid
          from group_member m join billing_group g on g.id = m.group_id where m.account_id = v_id;
        if v_groups > 0 and v_valid = 0 then
            v_reason := 'GROUP_EXPIRED';
        else
            -- read after the account lock, as the two-statement path read it in its locking statement
            select v.version into v_version from tariff_version v;
            if v_version <> p_tariff_version then
                return query select 'STALE_TARIFF'::varchar, v_id, v_username, null::varchar, null::integer, null::bigint, v_version;
                return;
            end if;
            if p_prefix is null then
                v_reason := 'NO_TARIFF';
            else
                -- the same uniqueid asking again (a dialplan loop, a retried AGI): one reservation and one Dial per
                -- call, whatever state the first is in; a fresh limit would let the call run on unpaid
                if exists (select 1 from reservation r where r.call_unique_id = p_uid) then
                    v_reason := 'DUPLICATE_CALL';
                else
                    v_seconds := billing_max_affordable_seconds(v_balance, p_max_call_seconds, p_rate, p_initial, p_subsequent, p_fee);
                    if v_seconds <= 0 then
                        v_reason := 'INSUFFICIENT_BALANCE';
                    end if;
                end if;
            end if;
        end if;
    end if;

    if v_reason is not null then
        insert into telops_outbox (id, topic, event_key, ce_type, payload, occurred_at)
        values (gen_random_uuid(), p_topic, coalesce(v_id::varchar, 'clid:' || p_caller_id), p_type_refused,
                json_strip_nulls(json_build_object('accountId', v_id, 'callUniqueId', p_uid, 'callerId', p_caller_id,
                    'destination', p_destination, 'reason', v_reason, 'occurredAt', p_occurred_at))::text, p_now);
        return query select v_reason, v_id, v_username, null::varchar, null::integer, null::bigint, v_version;
        return;
    end if;

    v_amount := billing_cost(v_seconds, p_rate, p_initial, p_subsequent, p_fee);
    v_after := v_balance - v_amount; -- >= 0: the affordable length keeps the cost within the locked balance
    insert into reservation (call_unique_id, account_id, amount_minor, max_seconds, destination, tariff_prefix,
        rate_per_minute_minor, initial_increment, subsequent_increment, connection_fee_minor, state, created_at, expires_at)
    values (p_uid, v_id, v_amount, v_seconds, p_destination, p_prefix, p_rate, p_initial, p_subsequent, p_fee, 'OPEN', p_now,
            p_now + (p_hold_extra_ms + v_seconds * 1000) * interval '1 millisecond');
    insert into ledger_entry (account_id, kind, amount_minor, balance_after, call_unique_id, note, actor, created_at)
    values (v_id, 'RESERVATION', -v_amount, v_after, p_uid, 'reserved ' || v_seconds || ' s', 'agi', p_now);
    update account set balance_minor = v_after, ledger_seq = ledger_seq + 1, updated_at = p_now where id = v_id
        returning ledger_seq into v_seq;
    insert into telops_outbox (id, topic, event_key, ce_type, payload, occurred_at)
    values (gen_random_uuid(), p_topic, v_id::varchar, p_type_authorised,
            json_build_object('accountId', v_id, 'username', v_username, 'callUniqueId', p_uid, 'callerId', p_caller_id,
                'destination', p_destination, 'tariffPrefix', p_prefix, 'maxSeconds', v_seconds, 'reservedMinor', v_amount,
                'currency', p_currency, 'occurredAt', p_occurred_at)::text, p_now),
           (gen_random_uuid(), p_topic, v_id::varchar, p_type_balance,
            json_build_object('accountId', v_id, 'username', v_username, 'deltaMinor', -v_amount, 'balanceMinor', v_after,
                'currency', p_currency, 'reason', 'CALL_RESERVED', 'occurredAt', p_occurred_at, 'ledgerSeq', v_seq)::text, p_now);
    return query select 'GRANTED'::varchar, v_id, v_username, p_prefix, v_seconds::integer, v_amount, v_version;
end
$$;
