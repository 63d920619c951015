-- Webhook subscriptions of a tenant. The secret signs every request (HMAC-SHA256); it is shown to the client once,
-- at creation, and kept here because every delivery needs it.
create table webhook_subscription (
    id                   uuid primary key,
    tenant_id            text        not null,
    url                  text        not null,
    description          text,
    events               text[]      not null,
    secret               text        not null,
    active               boolean     not null default true,
    disabled_reason      text,
    disabled_at          timestamptz,
    consecutive_failures integer     not null default 0,
    created_at           timestamptz not null,
    updated_at           timestamptz not null
);
create index webhook_subscription_tenant on webhook_subscription (tenant_id);

-- One row per (subscription, event): written in the consuming transaction (outbox-like), sent by DeliveryWorker.
-- A row is claimed with a lease (lease_owner, lease_until); an expired lease returns it to the pool, so a restart
-- mid-delivery loses nothing. seq orders one subscription's deliveries of one subject.
create table webhook_delivery (
    id                 uuid primary key,
    seq                bigserial   not null unique,
    tenant_id          text        not null,
    subscription_id    uuid        not null references webhook_subscription (id) on delete cascade,
    event_id           uuid,
    event_type         text        not null,
    subject            text        not null,
    contact_id         text,
    payload            text        not null,
    status             text        not null,
    attempts           integer     not null default 0,
    next_attempt_at    timestamptz not null,
    lease_owner        uuid,
    lease_until        timestamptz,
    last_response_code integer,
    last_error         text,
    redelivery_of      uuid,
    created_at         timestamptz not null,
    completed_at       timestamptz
);
create unique index webhook_delivery_once on webhook_delivery (subscription_id, event_id) where redelivery_of is null and event_id is not null;
create index webhook_delivery_due on webhook_delivery (next_attempt_at) where status = 'pending';
create index webhook_delivery_subject on webhook_delivery (subscription_id, subject, seq) where status = 'pending';
create index webhook_delivery_listing on webhook_delivery (subscription_id, seq desc);
create index webhook_delivery_contact on webhook_delivery (tenant_id, contact_id) where contact_id is not null;

-- Every request made for a delivery, with its outcome.
create table webhook_attempt (
    id            bigserial primary key,
    delivery_id   uuid        not null references webhook_delivery (id) on delete cascade,
    attempted_at  timestamptz not null,
    response_code integer,
    error         text,
    duration_ms   integer     not null
);
create index webhook_attempt_delivery on webhook_attempt (delivery_id, id);
