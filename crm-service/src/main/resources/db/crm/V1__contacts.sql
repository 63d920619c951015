-- Contacts: the contracts' "users" and "customers". The id is ours (UUIDv7); other services and clients know a
-- contact by one or more external ids (support.md's customer_id, platform.md's user_id).
-- seq orders the list (newest first) and locates a page without skipping rows: see contact_buckets.
create sequence contacts_seq;
create table contacts (
    id          uuid primary key,
    seq         bigint      not null default nextval('contacts_seq'),
    tenant_id   text        not null,
    name        text,
    email       text,
    phone       text,
    company     text,
    role        text,
    preferences jsonb       not null default '{}'::jsonb,
    metadata    jsonb       not null default '{}'::jsonb,
    is_active   boolean     not null default true,
    created_at  timestamptz not null,
    updated_at  timestamptz not null
);
-- One email per tenant, case-insensitively; NULL emails (contacts known only by an external id) never collide.
create unique index contacts_tenant_email on contacts (tenant_id, lower(email));
-- The list order. Both carry every column the page query reads, so skipping rows inside a bucket is an index-only
-- scan; the partial one serves active_only=true (the default).
create index contacts_tenant_seq on contacts (tenant_id, seq) include (id);
create index contacts_tenant_active_seq on contacts (tenant_id, seq) include (id) where is_active;

create table contact_external_ids (
    id          uuid primary key,
    tenant_id   text        not null,
    external_id text        not null,
    contact_id  uuid        not null references contacts (id) on delete cascade,
    created_at  timestamptz not null
);
create unique index contact_external_ids_tenant_external on contact_external_ids (tenant_id, external_id);
create index contact_external_ids_contact on contact_external_ids (contact_id);

-- Counters learnt from chat events; written only by atomic upserts, never through the contact entity.
create table contact_stats (
    contact_id          uuid primary key references contacts (id) on delete cascade,
    tenant_id           text   not null,
    total_conversations bigint not null default 0,
    total_messages      bigint not null default 0,
    last_active_at      timestamptz
);

-- What the contact did, one row per chat event (no message content): exported and erased with the contact.
create table contact_activity (
    id              bigserial primary key,
    tenant_id       text        not null,
    contact_id      uuid        not null references contacts (id) on delete cascade,
    event_id        uuid        not null,
    event_type      text        not null,
    conversation_id text,
    message_id      text,
    channel         text,
    occurred_at     timestamptz not null
);
create index contact_activity_contact on contact_activity (contact_id, occurred_at);

-- Exact per-tenant totals for the list's pagination, so that no page runs COUNT(*) over a million rows; and the same
-- counts per bucket of 1024 consecutive seq values, so that a page deep in the list is found by summing a few hundred
-- bucket counts and skipping fewer than 1024 index entries, instead of skipping its whole offset. Kept by
-- statement-level triggers, so every writer (the service, a bulk import, a manual fix) keeps them right, at the cost
-- of one counter update per statement and tenant, serialised per tenant.
create table contact_counts (
    tenant_id text   primary key,
    total     bigint not null default 0,
    active    bigint not null default 0
);
create table contact_buckets (
    tenant_id text   not null,
    bucket    bigint not null,
    total     bigint not null default 0,
    active    bigint not null default 0,
    primary key (tenant_id, bucket)
);

-- Adds one statement's change in one (tenant, bucket) to both counters.
create function contact_counts_apply(t text, b bigint, d_total bigint, d_active bigint) returns void
language sql set search_path from current as $$
    insert into contact_counts (tenant_id, total, active) values (t, d_total, d_active)
    on conflict (tenant_id) do update
        set total = contact_counts.total + excluded.total, active = contact_counts.active + excluded.active;
    insert into contact_buckets (tenant_id, bucket, total, active) values (t, b, d_total, d_active)
    on conflict (tenant_id, bucket) do update
        set total = contact_buckets.total + excluded.total, active = contact_buckets.active + excluded.active;
$$;

create function contact_counts_after_insert() returns trigger language plpgsql set search_path from current as $$
begin
    perform contact_counts_apply(tenant_id, seq >> 10, count(*), count(*) filter (where is_active))
    from new_rows group by tenant_id, seq >> 10;
    return null;
end $$;

create function contact_counts_after_delete() returns trigger language plpgsql set search_path from current as $$
begin
    perform contact_counts_apply(tenant_id, seq >> 10, -count(*), -count(*) filter (where is_active))
    from old_rows group by tenant_id, seq >> 10;
    return null;
end $$;

-- tenant_id and seq never change; only is_active moves a row in or out of the active counts.
create function contact_counts_after_update() returns trigger language plpgsql set search_path from current as $$
begin
    perform contact_counts_apply(d.tenant_id, d.bucket, 0, sum(d.delta)::bigint)
    from (select tenant_id, seq >> 10 as bucket, case when is_active then 1 else 0 end as delta from new_rows
          union all
          select tenant_id, seq >> 10, case when is_active then -1 else 0 end from old_rows) d
    group by d.tenant_id, d.bucket;
    return null;
end $$;

create trigger contacts_count_insert after insert on contacts
    referencing new table as new_rows for each statement execute function contact_counts_after_insert();
create trigger contacts_count_delete after delete on contacts
    referencing old table as old_rows for each statement execute function contact_counts_after_delete();
create trigger contacts_count_update after update on contacts
    referencing old table as old_rows new table as new_rows for each statement execute function contact_counts_after_update();
