-- State polling asks a phone at its last PhoneIP only when that push came from the same address: a push can claim
-- any PhoneIP, and the poller answers digest challenges there with the phones' credentials. Rows written before this
-- column have no source and are not polled until the phone pushes again.
alter table known_phone add column source_address text;
