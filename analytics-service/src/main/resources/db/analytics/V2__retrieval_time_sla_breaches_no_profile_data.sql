-- Knowledge-base retrieval time of AI answers (message.answered retrieval_ms): its sum and how many answers had one.
-- SLA breaches (escalation.sla_breached), counted in the bucket of the ticket's due time.
alter table event_rollup add column retrieval_ms_sum bigint not null default 0;
alter table event_rollup add column retrievals bigint not null default 0;
alter table event_rollup add column sla_breaches bigint not null default 0;
alter table event_rollup_day add column retrieval_ms_sum bigint not null default 0;
alter table event_rollup_day add column retrievals bigint not null default 0;
alter table event_rollup_day add column sla_breaches bigint not null default 0;

-- When the ticket's first-response target was missed; null while it was not (or not yet known to be).
alter table escalation_fact add column sla_breached_at timestamptz;
create index escalation_fact_breached on escalation_fact (tenant_id, status) where sla_breached_at is not null;

-- Contact names and emails no longer travel in events (contact.created carries ids only): analytics asks the CRM
-- when it shows them, and keeps no copy.
alter table contact_fact drop column name;
alter table contact_fact drop column email;
