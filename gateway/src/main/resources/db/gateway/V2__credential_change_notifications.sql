-- Every change to a stored credential is announced to all gateway replicas (LISTEN gateway_credentials), in the
-- transaction that makes it: revocation, rotation, any other edit of a key, and a change of a tenant's allowed
-- origins (cached with each of its keys). The payload is the secret hash the replicas cache the key under.
-- Being part of the write, the announcement cannot be lost between commit and broadcast, and needs no Redis.
CREATE FUNCTION notify_api_key_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_notify('gateway_credentials', OLD.secret_hash);
    RETURN NULL;
END $$;

CREATE TRIGGER api_keys_changed AFTER UPDATE OR DELETE ON api_keys
    FOR EACH ROW EXECUTE FUNCTION notify_api_key_changed();

CREATE FUNCTION notify_tenant_origins_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_notify('gateway_credentials', k.secret_hash) FROM api_keys k WHERE k.tenant_id = NEW.id;
    RETURN NULL;
END $$;

CREATE TRIGGER tenant_origins_changed AFTER UPDATE OF allowed_origins ON tenants
    FOR EACH ROW WHEN (OLD.allowed_origins IS DISTINCT FROM NEW.allowed_origins)
    EXECUTE FUNCTION notify_tenant_origins_changed();
