-- Tenant-trainable intents (intent package). A tenant's intents with their example phrases; the classifier fitted on
-- them (plus the built-in intents, which live in code) is stored per tenant so that every replica can load it.

-- What the turn detected for each user message; null on answers and on messages stored before intents existed.
alter table message add column intent text;
alter table message add column intent_confidence double precision;

create table intent (
    id                uuid primary key,
    tenant_id         text        not null,
    name              text        not null,
    description       text,
    -- label (only record it), route (to an agent or persona), answer (from a knowledge filter), escalate (with a reason)
    action            text        not null default 'label',
    route_to          text,
    knowledge_filter  jsonb       not null default '{}'::jsonb,
    escalation_reason text,
    created_at        timestamptz not null,
    updated_at        timestamptz not null
);
create unique index intent_tenant_name on intent (tenant_id, lower(name));

-- Each example's embedding is computed once when it is added (float32 little-endian), so retraining never re-embeds.
create table intent_example (
    id         bigserial primary key,
    tenant_id  text        not null,
    intent_id  uuid        not null references intent (id) on delete cascade,
    text       text        not null,
    embedding  bytea       not null,
    -- which embedding model(s) made the vector: examples made by another are re-embedded before a fit
    encoder    text        not null,
    created_at timestamptz not null
);
create unique index intent_example_text on intent_example (intent_id, md5(lower(text)));
create index intent_example_tenant on intent_example (tenant_id, intent_id);

-- One row per tenant: its out-of-scope threshold and its fitted classifier. version grows with every fit, so a
-- replica reloads the model only when it changed; examples_version grows with every change to the training data.
create table intent_model (
    tenant_id        text primary key,
    threshold        double precision not null,
    status           text        not null default 'untrained',
    version          bigint      not null default 0,
    examples_version bigint      not null default 0,
    trained_version  bigint,
    model            bytea,
    examples         integer,
    intents          integer,
    training_ms      bigint,
    error            text,
    requested_at     timestamptz,
    trained_at       timestamptz,
    updated_at       timestamptz not null
);
