-- The phone projection writes phone_log and phone_call rows with multi-row INSERT ... SELECT FROM unnest(...)
-- statements, so their ids now come from the column default instead of Hibernate's pooled (50 at a time)
-- allocation. Past every id handed out so far, then one at a time.
select setval('phone_log_seq', greatest((select coalesce(max(id), 0) from phone_log),
                                        (select last_value from phone_log_seq)) + 50);
alter sequence phone_log_seq increment by 1;
alter table phone_log alter column id set default nextval('phone_log_seq');

select setval('phone_call_seq', greatest((select coalesce(max(id), 0) from phone_call),
                                         (select last_value from phone_call_seq)) + 50);
alter sequence phone_call_seq increment by 1;
alter table phone_call alter column id set default nextval('phone_call_seq');
