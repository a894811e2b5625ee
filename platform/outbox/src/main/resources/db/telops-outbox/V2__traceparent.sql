-- W3C trace context of the transaction that wrote the event (null without a recording span): the relay sends it as
-- the record's traceparent header, so a consumer's span joins the trace of the request that caused the event.
alter table telops_outbox add column traceparent text;
