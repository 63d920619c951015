-- Facts: one row per thing that happened, as the events describe it, per tenant. Rollups: sums per tenant and
-- 15-minute UTC bucket (so any time zone's days, weeks and months are exact sums of buckets, including zones
-- with :30 and :45 offsets), kept up to date in the consumer's transaction. Everything here can be rebuilt from
-- the Kafka topics; see METRICS.md for what each figure means.

create table tenant_setting (
    tenant_id  text primary key,
    time_zone  text        not null,
    updated_at timestamptz not null default now()
);

-- A conversation's contribution to conv_rollup is (bucket of created_at, agent, escalated, resolved): the
-- consumer subtracts the old contribution and adds the new one whenever the row changes.
create table conversation_fact (
    tenant_id         text        not null,
    conversation_uuid text        not null,
    external_id       text,
    contact_id        text,
    channel           text,
    title             text,
    category          text,
    category_at       timestamptz,
    agent             text,
    agent_at          timestamptz,
    created_at        timestamptz not null,
    last_activity_at  timestamptz not null,
    message_count     integer     not null default 0,
    escalated         boolean     not null default false,
    resolved          boolean     not null default false,
    primary key (tenant_id, conversation_uuid)
);
create index conversation_fact_external on conversation_fact (tenant_id, external_id);
create index conversation_fact_contact on conversation_fact (tenant_id, contact_id);
create index conversation_fact_activity on conversation_fact (tenant_id, last_activity_at);

-- kind: 'user' (message.received) or 'answer' (message.answered, escalation.agent_replied).
create table message_fact (
    tenant_id         text        not null,
    message_id        text        not null,
    kind              text        not null,
    conversation_uuid text        not null,
    contact_id        text,
    sender            text,
    agent             text,
    model             text,
    input_tokens      integer     not null default 0,
    output_tokens     integer     not null default 0,
    cost_usd          double precision not null default 0,
    response_time_ms  bigint,
    cached            boolean,
    confidence        double precision,
    sentiment         double precision,
    complexity        double precision,
    intent            text,
    occurred_at       timestamptz not null,
    primary key (tenant_id, message_id, kind)
);
create index message_fact_conversation on message_fact (tenant_id, conversation_uuid);
create index message_fact_contact on message_fact (tenant_id, contact_id);

create table tool_call_fact (
    tenant_id         text        not null,
    event_id          uuid        not null,
    conversation_uuid text        not null,
    tool              text        not null,
    success           boolean     not null,
    latency_ms        bigint      not null,
    occurred_at       timestamptz not null,
    primary key (tenant_id, event_id)
);

create table session_fact (
    tenant_id         text        not null,
    event_id          uuid        not null,
    session_id        text,
    conversation_uuid text        not null,
    contact_id        text,
    duration_minutes  bigint      not null,
    message_count     integer     not null,
    escalated         boolean     not null,
    closed_at         timestamptz not null,
    primary key (tenant_id, event_id)
);
create index session_fact_contact on session_fact (tenant_id, contact_id);
create index session_fact_conversation on session_fact (tenant_id, conversation_uuid);

create table feedback_fact (
    tenant_id         text        not null,
    event_id          uuid        not null,
    conversation_uuid text        not null,
    contact_id        text,
    rating            integer     not null,
    occurred_at       timestamptz not null,
    primary key (tenant_id, event_id)
);
create index feedback_fact_conversation on feedback_fact (tenant_id, conversation_uuid);
create index feedback_fact_contact on feedback_fact (tenant_id, contact_id);

-- Tickets; conversation_ref/session_ref are whatever the escalation service was given (external id or uuid).
create table escalation_fact (
    tenant_id        text        not null,
    ticket_id        text        not null,
    conversation_ref text,
    session_ref      text,
    customer_id      text,
    priority         text,
    reason           text,
    status           text        not null,
    status_at        timestamptz not null,
    assigned_agent   text,
    satisfaction     integer,
    created_at       timestamptz not null,
    primary key (tenant_id, ticket_id)
);
create index escalation_fact_conversation on escalation_fact (tenant_id, conversation_ref);
create index escalation_fact_session on escalation_fact (tenant_id, session_ref);
create index escalation_fact_status on escalation_fact (tenant_id, status);

create table document_fact (
    tenant_id     text        not null,
    document_id   text        not null,
    filename      text,
    content_type  text,
    source_type   text,
    doc_type      text        not null,
    collection    text        not null,
    chunks        integer     not null,
    size_bytes    bigint      not null,
    ingested_at   timestamptz not null,
    deleted_at    timestamptz,
    primary key (tenant_id, document_id)
);

create table contact_fact (
    tenant_id    text        not null,
    contact_id   text        not null,
    external_id  text,
    name         text,
    email        text,
    active       boolean     not null default true,
    created_at   timestamptz not null,
    primary key (tenant_id, contact_id)
);
create index contact_fact_external on contact_fact (tenant_id, external_id);
create index contact_fact_created on contact_fact (tenant_id, created_at);

-- Which contacts were active in which bucket, for distinct active-user counts over any range.
create table contact_activity (
    tenant_id  text        not null,
    bucket     timestamptz not null,
    contact_id text        not null,
    primary key (tenant_id, bucket, contact_id)
);

-- Each contact's latest activity: "active since X" up to now is an index range count, not a distinct count.
create table contact_last_active (
    tenant_id      text        not null,
    contact_id     text        not null,
    last_active_at timestamptz not null,
    primary key (tenant_id, contact_id)
);
create index contact_last_active_at on contact_last_active (tenant_id, last_active_at);

-- Erased contacts: only a hash of each id, so that events about them that arrive later (or again, on a replay)
-- are anonymised on arrival too. pseudonym stands in for the contact in facts so distinct counts stay right.
create table erased_contact (
    tenant_id  text not null,
    id_hash    text not null,
    pseudonym  text not null,
    primary key (tenant_id, id_hash)
);

-- Agents get stable numeric ids per tenant because conversations.md shows agent_id as an integer.
create table agent_dim (
    id         bigserial primary key,
    tenant_id  text not null,
    name       text not null,
    unique (tenant_id, name)
);

create table event_rollup (
    tenant_id            text        not null,
    bucket               timestamptz not null,
    user_messages        bigint      not null default 0,
    ai_answers           bigint      not null default 0,
    human_answers        bigint      not null default 0,
    input_tokens         bigint      not null default 0,
    output_tokens        bigint      not null default 0,
    cost_usd             double precision not null default 0,
    response_ms_sum      bigint      not null default 0,
    cached_answers       bigint      not null default 0,
    generated_ms_sum     bigint      not null default 0,
    sentiment_positive   bigint      not null default 0,
    sentiment_neutral    bigint      not null default 0,
    sentiment_negative   bigint      not null default 0,
    sentiment_sum        double precision not null default 0,
    complexity_sum       double precision not null default 0,
    tool_calls           bigint      not null default 0,
    tool_errors          bigint      not null default 0,
    tool_latency_ms_sum  bigint      not null default 0,
    feedback_count       bigint      not null default 0,
    feedback_sum         bigint      not null default 0,
    sessions_closed      bigint      not null default 0,
    session_minutes_sum  bigint      not null default 0,
    session_messages_sum bigint      not null default 0,
    contacts_created     bigint      not null default 0,
    escalations_created  bigint      not null default 0,
    primary key (tenant_id, bucket)
);

create table answer_rollup (
    tenant_id       text        not null,
    bucket          timestamptz not null,
    model           text        not null,
    agent           text        not null,
    answers         bigint      not null default 0,
    input_tokens    bigint      not null default 0,
    output_tokens   bigint      not null default 0,
    cost_usd        double precision not null default 0,
    response_ms_sum bigint      not null default 0,
    cached_answers  bigint      not null default 0,
    primary key (tenant_id, bucket, model, agent)
);

create table tool_rollup (
    tenant_id      text        not null,
    bucket         timestamptz not null,
    tool           text        not null,
    calls          bigint      not null default 0,
    errors         bigint      not null default 0,
    latency_ms_sum bigint      not null default 0,
    primary key (tenant_id, bucket, tool)
);

create table conv_rollup (
    tenant_id     text        not null,
    bucket        timestamptz not null,
    agent         text        not null,
    conversations bigint      not null default 0,
    escalated     bigint      not null default 0,
    resolved      bigint      not null default 0,
    ai_resolved   bigint      not null default 0,
    messages      bigint      not null default 0,
    primary key (tenant_id, bucket, agent)
);

-- The same sums per tenant-local day (in the tenant's time zone at the time of writing; rebuilt from the
-- 15-minute tables when the zone changes). Queries read whole days here and the partial days at a range's
-- edges from the 15-minute tables, so a figure over months reads a few hundred rows at most.
create table event_rollup_day (like event_rollup including defaults);
alter table event_rollup_day drop column bucket;
alter table event_rollup_day add column day date not null;
alter table event_rollup_day add primary key (tenant_id, day);

create table answer_rollup_day (like answer_rollup including defaults);
alter table answer_rollup_day drop column bucket;
alter table answer_rollup_day add column day date not null;
alter table answer_rollup_day add primary key (tenant_id, day, model, agent);

create table tool_rollup_day (like tool_rollup including defaults);
alter table tool_rollup_day drop column bucket;
alter table tool_rollup_day add column day date not null;
alter table tool_rollup_day add primary key (tenant_id, day, tool);

create table conv_rollup_day (like conv_rollup including defaults);
alter table conv_rollup_day drop column bucket;
alter table conv_rollup_day add column day date not null;
alter table conv_rollup_day add primary key (tenant_id, day, agent);

-- Minutes in which this service was up, for performance_metrics.uptime_percentage.
create table service_heartbeat (
    minute timestamptz primary key
);
