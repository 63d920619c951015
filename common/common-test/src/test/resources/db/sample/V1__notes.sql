create table note (
    id         uuid primary key,
    tenant_id  text        not null,
    text       text        not null,
    created_at timestamptz not null default now()
);
create table received_event (
    event_id   uuid primary key,
    tenant_id  text not null,
    subject    text not null
);
