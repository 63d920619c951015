-- Deleting a live session (a contact's erasure ends their sessions) evicts its token from every replica's credential
-- cache, through the same channel as key revocation. Expired rows cleaned up later need no announcement.
CREATE FUNCTION notify_session_deleted() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_notify('gateway_credentials', OLD.token_hash);
    RETURN NULL;
END $$;

CREATE TRIGGER auth_sessions_deleted AFTER DELETE ON auth_sessions
    FOR EACH ROW WHEN (OLD.expires_at > now())
    EXECUTE FUNCTION notify_session_deleted();
CREATE INDEX auth_sessions_user_idx ON auth_sessions (tenant_id, user_id);
