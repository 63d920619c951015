-- Escalation tickets: a conversation handed to a human agent. ticket_id is the public id (TKT-<year>-<6 digits>),
-- unique per tenant, numbered by ticket_sequence.
create table ticket (
    id                    uuid primary key,
    tenant_id             text        not null,
    ticket_id             text        not null,
    session_id            text        not null,
    conversation_id       text,
    customer_id           text,
    reason                text        not null,
    priority              text        not null,
    status                text        not null,
    customer_sentiment    double precision,
    query_complexity      double precision,
    additional_context    text,
    assigned_agent        text,
    resolution_notes      text,
    customer_satisfaction integer,
    test                  boolean     not null default false,
    sla_target_minutes    integer     not null,
    sla_due_at            timestamptz not null,
    first_response_at     timestamptz,
    resolved_at           timestamptz,
    created_at            timestamptz not null,
    updated_at            timestamptz not null,
    unique (tenant_id, ticket_id)
);
create index ticket_queue on ticket (tenant_id, status, created_at);
create index ticket_session on ticket (tenant_id, session_id);
create index ticket_customer on ticket (tenant_id, customer_id);

-- One row per tenant and year, incremented in the transaction that creates a ticket (row lock = no duplicates).
create table ticket_sequence (
    tenant_id  text   not null,
    year       integer not null,
    last_value bigint not null,
    primary key (tenant_id, year)
);

-- Internal notes of agents on a ticket (never shown to the customer).
create table ticket_note (
    id         uuid primary key,
    tenant_id  text        not null,
    ticket     uuid        not null references ticket (id) on delete cascade,
    author     text        not null,
    content    text        not null,
    created_at timestamptz not null
);
create index ticket_note_ticket on ticket_note (ticket, created_at);

-- Replies of human agents to the customer; each is also published as escalation.agent_replied.
create table ticket_message (
    id         uuid primary key,
    tenant_id  text        not null,
    ticket     uuid        not null references ticket (id) on delete cascade,
    agent_id   text        not null,
    content    text        not null,
    created_at timestamptz not null
);
create index ticket_message_ticket on ticket_message (ticket, created_at);

-- Per-tenant first-response targets per priority; priorities without a row use the built-in defaults.
create table sla_target (
    tenant_id        text    not null,
    priority         text    not null,
    response_minutes integer not null,
    primary key (tenant_id, priority)
);

-- Per-tenant escalation rules that chat-service applies on each turn.
create table escalation_rules (
    tenant_id                     text primary key,
    negative_sentiment_threshold  double precision not null,
    complexity_threshold          double precision not null,
    confidence_threshold          double precision not null,
    repeated_low_confidence_count integer          not null,
    policy_keywords               text[]           not null,
    updated_at                    timestamptz      not null
);
