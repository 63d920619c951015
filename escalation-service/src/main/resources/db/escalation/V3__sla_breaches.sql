-- When the breach of a ticket's first-response target was recorded and published (escalation.sla_breached):
-- set once, in the transaction that writes the event, so the event leaves at most once per ticket.
alter table ticket add column sla_breached_at timestamptz;

-- What the breach scan looks at: unanswered tickets not yet recorded as breached, by due time. Answered tickets
-- leave the index, so it stays as small as the live queue.
create index ticket_sla_watch on ticket (sla_due_at) where first_response_at is null and sla_breached_at is null and not test;
