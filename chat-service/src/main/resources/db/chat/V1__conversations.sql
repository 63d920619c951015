-- Conversations: one row whatever contract created it. id (UUIDv7) is the event subject; number is the numeric id
-- conversations.md and assistant.md show; external_id is the client-chosen session_id / conversation_id.
create sequence conversation_number_seq;
create table conversation (
    id                   uuid primary key,
    number               bigint      not null unique,
    tenant_id            text        not null,
    external_id          text,
    contact_external_id  text,
    channel              text        not null default 'chat',
    title                text        not null,
    agent                text,
    persona_id           uuid,
    conversation_type    text        not null default 'chat',
    status               text        not null default 'active',
    is_pinned            boolean     not null default false,
    is_archived          boolean     not null default false,
    unread_count         integer     not null default 0,
    total_messages       integer     not null default 0,
    last_message_at      timestamptz,
    escalated            boolean     not null default false,
    escalation_reason    text,
    ticket_id            text,
    ticket_status        text,
    assigned_agent       text,
    low_confidence_streak integer    not null default 0,
    created_at           timestamptz not null,
    updated_at           timestamptz not null,
    closed_at            timestamptz
);
create unique index conversation_tenant_external on conversation (tenant_id, external_id);
create index conversation_tenant_updated on conversation (tenant_id, is_pinned desc, updated_at desc);
create index conversation_tenant_contact on conversation (tenant_id, contact_external_id, updated_at desc);
create index conversation_tenant_ticket on conversation (tenant_id, ticket_id);

create sequence message_id_seq;
create table message (
    id                 bigint primary key,
    tenant_id          text        not null,
    conversation_id    uuid        not null references conversation (id) on delete cascade,
    sender             text        not null,
    content            text        not null,
    content_type       text        not null default 'text',
    message_type       text        not null default 'text',
    status             text        not null default 'sent',
    agent              text,
    model              text,
    input_tokens       integer     not null default 0,
    output_tokens      integer     not null default 0,
    cost_usd           double precision not null default 0,
    processing_time_ms bigint,
    sentiment_score    double precision,
    complexity_score   double precision,
    confidence         double precision,
    cached             boolean     not null default false,
    metadata           jsonb       not null default '{}'::jsonb,
    created_at         timestamptz not null,
    -- Full-text search over message bodies (GET /chat/search), ranked with ts_rank.
    search             tsvector generated always as (to_tsvector('english', content)) stored
);
create index message_conversation on message (conversation_id, id);
create index message_search on message using gin (search);
create index message_tenant on message (tenant_id, id);

create table message_attachment (
    id         bigserial primary key,
    tenant_id  text        not null,
    message_id bigint      not null references message (id) on delete cascade,
    file_name  text        not null,
    file_type  text,
    file_size  bigint,
    file_path  text,
    created_at timestamptz not null
);
create index message_attachment_message on message_attachment (message_id);

-- One row per session of activity on a conversation (conversations.md chat_session_history).
create table chat_session_history (
    id               bigserial primary key,
    tenant_id        text        not null,
    conversation_id  uuid        not null references conversation (id) on delete cascade,
    session_start    timestamptz not null,
    session_end      timestamptz,
    messages_count   integer     not null default 0,
    duration_minutes integer,
    created_at       timestamptz not null
);
create index chat_session_history_conversation on chat_session_history (conversation_id, id);

create table feedback (
    id              bigserial primary key,
    tenant_id       text        not null,
    conversation_id uuid        not null references conversation (id) on delete cascade,
    message_id      bigint,
    rating          integer     not null check (rating between 1 and 5),
    comment         text,
    created_at      timestamptz not null
);
create index feedback_conversation on feedback (conversation_id);

-- Tenant-defined AI agents beside the built-in general_agent, sales_agent and support_agent.
create sequence persona_number_seq start 100;
create table persona (
    id               uuid primary key,
    number           bigint      not null unique,
    tenant_id        text        not null,
    name             text        not null,
    instructions     text        not null,
    knowledge_filter jsonb       not null default '{}'::jsonb,
    model_tier       text        not null default 'auto',
    keywords         text        not null default '',
    created_at       timestamptz not null,
    updated_at       timestamptz not null
);
create unique index persona_tenant_name on persona (tenant_id, lower(name));
