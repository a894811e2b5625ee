-- Rate plans (issue #18 items 1 and 5): named plans of prefix rates, per currency, with time-of-day/day-of-week
-- periods. The former global tariff becomes the plan named 'default' (id 1), and the tariff relation stays as a
-- view of that plan's all-times rates, so /api/tariffs and SQL written against it keep working.
create table rate_plan (
    id                  bigint generated always as identity primary key,
    name                varchar(64) not null unique,
    currency            char(3)     not null check (currency ~ '^[A-Z]{3}$'),
    -- the plan an account of this currency gets when neither it nor a valid group of its names one
    is_default          boolean     not null default false,
    -- the low-balance threshold of accounts on this plan that set none themselves (null: no alerts)
    low_balance_minor   bigint      check (low_balance_minor >= 0)
);
create unique index rate_plan_one_default_per_currency on rate_plan (currency) where is_default;

-- A period is a name with one or more weekly windows, in the account's time zone: days is a bit set
-- (bit 0 Monday .. bit 6 Sunday), minutes from midnight, end exclusive (1440 = midnight at the end of the day).
-- Windows of different periods of one plan do not overlap (checked by the service).
create table plan_period (
    id              bigint generated always as identity primary key,
    plan_id         bigint      not null references rate_plan (id) on delete cascade,
    name            varchar(32) not null check (name ~ '^[A-Za-z0-9_-]{1,32}$'),
    days            smallint    not null check (days between 1 and 127),
    start_minute    smallint    not null check (start_minute between 0 and 1439),
    end_minute      smallint    not null check (end_minute between 1 and 1440),
    check (start_minute < end_minute)
);
create index plan_period_plan on plan_period (plan_id);

-- One rate per plan, prefix and period ('' = at all times the plan's periods leave to it).
create table plan_rate (
    plan_id                 bigint      not null references rate_plan (id) on delete cascade,
    prefix                  varchar(32) not null,
    period                  varchar(32) not null default '',
    description             varchar(100),
    rate_per_minute_minor   bigint      not null check (rate_per_minute_minor >= 0),
    initial_increment       integer     not null check (initial_increment > 0),
    subsequent_increment    integer     not null check (subsequent_increment > 0),
    connection_fee_minor    bigint      not null default 0 check (connection_fee_minor >= 0),
    minimum_seconds         integer     not null default 0 check (minimum_seconds >= 0),
    -- a destination that needs this permission on the account (premium, international ...); null: none
    permission              varchar(32) check (permission ~ '^[A-Za-z0-9_-]{1,32}$'),
    primary key (plan_id, prefix, period)
);

-- the first row of a new identity column: id 1, which the tariff view below names
insert into rate_plan (name, currency, is_default) values ('default', '${billing_currency}', true);
insert into plan_rate (plan_id, prefix, description, rate_per_minute_minor, initial_increment, subsequent_increment,
                       connection_fee_minor)
select 1, prefix, description, rate_per_minute_minor, initial_increment, subsequent_increment, connection_fee_minor from tariff;
drop table tariff;

-- The default plan's all-times rates under the old name: a simple view, so PostgreSQL updates it in place; an
-- insert through it lands in plan 1 by the view's own column default.
create view tariff as
select plan_id, prefix, period, description, rate_per_minute_minor, initial_increment, subsequent_increment, connection_fee_minor
  from plan_rate where plan_id = 1 and period = '';
alter view tariff alter column plan_id set default 1;

-- Every change to plans, periods or rates bumps the version the in-memory table is checked against (V2).
create trigger plan_changed after insert or update or delete or truncate on rate_plan
    for each statement execute function tariff_version_bump();
create trigger plan_period_changed after insert or update or delete or truncate on plan_period
    for each statement execute function tariff_version_bump();
create trigger plan_rate_changed after insert or update or delete or truncate on plan_rate
    for each statement execute function tariff_version_bump();
update tariff_version set version = version + 1;

-- Accounts: a currency (item 5; plans of another currency cannot apply), a time zone for periods, an optional plan of
-- their own, and what a reservation holds (balance_minor + reserved_minor is the balance before holds).
alter table account
    add column currency       char(3)     not null default '${billing_currency}' check (currency ~ '^[A-Z]{3}$'),
    add column time_zone      varchar(64) not null default 'UTC',
    add column plan_id        bigint      references rate_plan (id),
    add column reserved_minor bigint      not null default 0 check (reserved_minor >= 0);
update account a set reserved_minor = r.held
  from (select account_id, sum(amount_minor) as held from reservation where state = 'OPEN' group by account_id) r
 where r.account_id = a.id;

-- A group's plan applies to its members of the plan's currency that have none of their own.
alter table billing_group add column plan_id bigint references rate_plan (id);

-- The plan a call was priced with, and when its destination's rate changes at a period boundary within the call's
-- longest reach, the rates by instant (see TariffTable): settle prices each part by its own rate.
alter table reservation
    add column plan_id       bigint,
    add column rate_schedule varchar(4000);
