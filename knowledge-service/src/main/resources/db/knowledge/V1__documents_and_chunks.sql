-- Documents (uploads, URLs, raw text, knowledge-base articles) and their chunks. The full-text side lives here
-- in every mode; the embedding column is added by db/knowledge-pgvector only when vectors live in pgvector, so
-- the same schema runs on a PostgreSQL without the extension (the local stack's embedded PostgreSQL).
create table documents (
    id             text        primary key,
    tenant_id      text        not null,
    source_type    text        not null check (source_type in ('upload', 'url', 'text', 'article')),
    filename       text        not null,
    title          text,
    source         text        not null,
    content_type   text        not null,
    size_bytes     bigint      not null,
    sha256         text        not null,
    status         text        not null check (status in ('processing', 'processed', 'failed')),
    status_reason  text,
    progress       real        not null default 0,
    pages          integer,
    chunk_count    integer     not null default 0,
    collection     text        not null default 'default',
    category       text,
    tags           text[]      not null default '{}',
    metadata       jsonb       not null default '{}'::jsonb,
    -- the original text of articles and raw-text ingestions, which clients read back and edit
    body           text,
    created_at     timestamptz not null default now(),
    updated_at     timestamptz not null default now()
);
create index documents_tenant_created on documents (tenant_id, created_at desc);
create index documents_tenant_filename on documents (tenant_id, filename);
-- Re-uploading identical content into the same collection finds the existing document instead of a copy.
create unique index documents_tenant_content on documents (tenant_id, collection, sha256) where status <> 'failed';

create table chunks (
    id          uuid    primary key,
    tenant_id   text    not null,
    document_id text    not null references documents (id) on delete cascade,
    ordinal     integer not null,
    content     text    not null,
    tsv         tsvector generated always as (to_tsvector('english', content)) stored,
    unique (document_id, ordinal)
);
create index chunks_tenant_document on chunks (tenant_id, document_id);
create index chunks_tsv on chunks using gin (tsv);
