-- A per-account ledger sequence: every change of balance_minor also bumps ledger_seq, under the same row lock, and
-- the balance-changed event carries the new value as ledgerSeq. Readers keep the balance with the highest ledgerSeq:
-- unlike the event time (taken before the row lock was granted), it follows commit order. Existing accounts start
-- at 0; their next change is 1.
alter table account add column ledger_seq bigint not null default 0;

-- V5's billing_authorise, now bumping ledger_seq with the balance and writing it into the balance-changed event.
-- Authorises one call. Finds and locks the caller (IMSI first, then CLID), checks status and group validity,
-- checks that the tariff the caller matched in memory belongs to the current tariff_version (else returns
-- STALE_TARIFF with the version, having written nothing: the caller reloads its table and calls again), refuses
-- a uniqueid that already has a reservation (DUPLICATE_CALL), and otherwise reserves the price of the
-- longest affordable call: reservation row, RESERVATION ledger entry, cached balance and the two outbox events
-- (call-authorised, balance-changed), or writes the call-refused event. The outcome is GRANTED,
-- STALE_TARIFF or a RefusalReason name.
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
        insert into outbox_event (id, topic, event_key, ce_type, payload, occurred_at)
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
    insert into outbox_event (id, topic, event_key, ce_type, payload, occurred_at)
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
