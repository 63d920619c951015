alter table received_event add column trace_id text;
