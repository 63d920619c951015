-- The gateway's own data: tenants, API keys (only a SHA-256 hash of each secret is stored) and agents.md sessions.
CREATE TABLE tenants (
    id              text PRIMARY KEY,
    name            text        NOT NULL,
    allowed_origins text[]      NOT NULL DEFAULT '{}',
    created_at      timestamptz NOT NULL DEFAULT now()
);

-- A single-company install works in this tenant (the root key's default).
INSERT INTO tenants (id, name) VALUES ('default', 'Default tenant');

CREATE TABLE api_keys (
    id              text PRIMARY KEY,
    tenant_id       text        NOT NULL REFERENCES tenants (id),
    name            text        NOT NULL,
    prefix          text        NOT NULL,
    secret_hash     text        NOT NULL UNIQUE,
    plan            text        NOT NULL,
    quota_per_hour  bigint      NOT NULL,
    scopes          text[]      NOT NULL,
    publishable     boolean     NOT NULL DEFAULT false,
    allowed_origins text[]      NOT NULL DEFAULT '{}',
    created_at      timestamptz NOT NULL DEFAULT now(),
    rotated_at      timestamptz,
    revoked_at      timestamptz
);
CREATE INDEX api_keys_tenant_idx ON api_keys (tenant_id, created_at);

CREATE TABLE auth_sessions (
    id          text PRIMARY KEY,
    tenant_id   text        NOT NULL,
    user_id     text        NOT NULL,
    token_hash  text        NOT NULL UNIQUE,
    scopes      text[]      NOT NULL,
    created_at  timestamptz NOT NULL,
    expires_at  timestamptz NOT NULL
);
CREATE INDEX auth_sessions_expiry_idx ON auth_sessions (expires_at);
