-- Hook and lock flags follow the phones' own event time, arrival order only breaking ties: each flag keeps the
-- instant of the event that set it, so a late (older) event cannot undo a newer one. Null: no such event yet.
-- No index: the phone row keeps being updated in place (HOT, V12).
alter table phone add column off_hook_at timestamptz, add column locked_at timestamptz;
