-- Intent counts (GET /api/v1/analytics/intents) read the AI answers of a time range.
create index message_fact_answers_at on message_fact (tenant_id, kind, occurred_at) where kind = 'answer';
