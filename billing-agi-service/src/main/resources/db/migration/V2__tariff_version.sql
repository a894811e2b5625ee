-- A counter bumped in the same transaction as any change to the tariff table. The authorise path reads it
-- in the statement that locks the caller's account (no extra round trip) and reloads its in-memory
-- longest-prefix table when the counter differs from the version it holds, so a tariff change made by any
-- replica or by hand in SQL is used by the next authorisation that starts after it committed.
create table tariff_version (
    id      boolean primary key default true check (id),
    version bigint  not null
);
insert into tariff_version (id, version) values (true, 1);

create function tariff_version_bump() returns trigger language plpgsql as $$
begin
    update tariff_version set version = version + 1;
    return null;
end
$$;

create trigger tariff_changed after insert or update or delete or truncate on tariff
    for each statement execute function tariff_version_bump();
