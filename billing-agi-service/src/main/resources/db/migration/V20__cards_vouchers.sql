-- Calling cards and vouchers (issue #18 item 4).
--
-- A calling card is a PIN linked to one account: the card IVR authorises and settles as that account. A PIN alone
-- names the card, so it is looked up, never scanned: pin_digest = HMAC-SHA256(telops.billing.codes.secret,
-- 'CARD:' || pin). A salted hash (bcrypt) would need a scan of every card per attempt; the keyed digest gives the
-- same protection against a stolen database (no secret, no brute force of short PINs) with an index.
create table calling_card (
    id          bigint generated always as identity primary key,
    account_id  bigint      not null unique references account (id),
    pin_digest  bytea       not null unique,
    created_at  timestamptz not null
);

-- A batch of one-time codes of one value and expiry; the codes themselves are shown once, when generated.
create table voucher_batch (
    id          bigint generated always as identity primary key,
    size        integer     not null check (size > 0),
    digits      integer     not null check (digits between 10 and 20),
    value_minor bigint      not null check (value_minor > 0),
    currency    varchar(3)  not null,
    expires_at  timestamptz not null,
    created_by  varchar(64) not null,
    created_at  timestamptz not null
);

-- code_digest = HMAC-SHA256(secret, 'VOUCHER:' || code). Redeeming is one conditional UPDATE of the row
-- (redeemed_at is null and not expired): of concurrent redemptions exactly one matches, the others wait on the
-- row lock and then see it redeemed.
create table voucher (
    id              bigint generated always as identity primary key,
    batch_id        bigint      not null references voucher_batch (id),
    code_digest     bytea       not null unique,
    redeemed_at     timestamptz,
    redeemed_by     bigint      references account (id),
    ledger_entry_id bigint      references ledger_entry (id)
);
create index voucher_batch_id on voucher (batch_id);

-- A voucher credit is its own ledger entry kind. The kind list is extended in place, not rewritten, so kinds an
-- earlier migration added stay allowed.
do $$
declare
    v_def text;
begin
    select pg_get_constraintdef(c.oid) into v_def
      from pg_constraint c
     where c.conrelid = 'ledger_entry'::regclass and c.conname = 'ledger_entry_kind_check';
    if v_def is null then
        raise exception 'ledger_entry_kind_check not found';
    end if;
    if position('''VOUCHER''' in v_def) = 0 then
        if position('ARRAY[' in v_def) = 0 then
            raise exception 'ledger_entry_kind_check has an unexpected form: %', v_def;
        end if;
        execute 'alter table ledger_entry drop constraint ledger_entry_kind_check';
        execute 'alter table ledger_entry add constraint ledger_entry_kind_check '
                || replace(v_def, 'ARRAY[', 'ARRAY[''VOUCHER''::character varying, ');
    end if;
end
$$;
