-- A call whose end the phone never reported (it lost power, its Disconnected was lost) is ended by inference:
-- state_at is the phone's instant of the call's latest state (compared with a later registration of its line or a
-- restart), heard_at when that state was received (the maximum call age counts on it), end_reason why the
-- dashboard ended it (null: the phone's own Disconnected/Free). Open calls of older versions start their age now.
alter table phone_call add column state_at timestamptz, add column heard_at timestamptz,
    add column end_reason varchar(20);
update phone_call set state_at = coalesce(connected_at, started_at), heard_at = now() where ended_at is null;
-- A state poll lists a call right after the registration of its line, both at the poll's instant; when the listing
-- lands in the next batch, that batch finds the call its registration ended here and reopens it.
create index phone_call_not_reported_idx on phone_call (mac, call_reference) where end_reason = 'not-reported';
