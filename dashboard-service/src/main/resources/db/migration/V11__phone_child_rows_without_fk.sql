-- phone_log, phone_call and phone_term rows are written only by the phone projection, in the same transaction and
-- the same round trip that upserts their phone just before them (PhoneTables.write), and phones are never deleted.
-- Their foreign keys to phone guarded nothing the projection does not already guarantee, yet each cost a trigger per
-- inserted row (an index probe of phone plus a KEY SHARE row lock): about 1,400 of them for 1,000 events of calls.
alter table phone_log drop constraint if exists phone_log_mac_fkey;
alter table phone_call drop constraint if exists phone_call_mac_fkey;
alter table phone_term drop constraint if exists phone_term_mac_fkey;
