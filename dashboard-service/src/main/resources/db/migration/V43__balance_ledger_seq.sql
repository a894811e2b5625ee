-- the balance's ledger sequence (billing's per-account commit order); null until an event carries one
alter table bl_account add column balance_seq bigint;
