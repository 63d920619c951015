-- Transactional outbox: events are written in the same transaction as the change they describe, then relayed
-- to Kafka by OutboxRelay. Rows stay until relayed; relayed rows are pruned after the retention period.
create table event_outbox (
    id           bigserial primary key,
    event_id     uuid        not null unique,
    topic        text        not null,
    message_key  text        not null,
    payload      jsonb       not null,
    headers      jsonb       not null default '{}'::jsonb,
    created_at   timestamptz not null default now(),
    published_at timestamptz
);
create index event_outbox_pending on event_outbox (id) where published_at is null;

-- Idempotent consumers: one row per (consumer, event) processed, written in the handler's own transaction.
create table event_inbox (
    consumer     text        not null,
    event_id     uuid        not null,
    processed_at timestamptz not null default now(),
    primary key (consumer, event_id)
);
