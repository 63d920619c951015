package dev.supportplatform.gateway.sessions;

import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import java.sql.Array;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/** agents.md sessions in the gateway's schema (blocking JDBC; callers offload it). */
@Repository
public class SessionRepository {

    private static final RowMapper<SessionRecord> MAPPER = (rs, n) -> {
        Array scopes = rs.getArray("scopes");
        return new SessionRecord(rs.getString("id"), rs.getString("tenant_id"), rs.getString("user_id"),
                scopes == null ? List.of() : Arrays.asList((String[]) scopes.getArray()),
                rs.getTimestamp("created_at").toInstant(), rs.getTimestamp("expires_at").toInstant());
    };

    private final JdbcClient jdbc;

    public SessionRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public void insert(SessionRecord session, String tokenHash) {
        jdbc.sql("""
                        INSERT INTO auth_sessions (id, tenant_id, user_id, token_hash, scopes, created_at, expires_at)
                        VALUES (:id, :tenant, :user, :hash, :scopes, :created, :expires)
                        """)
                .param("id", session.id()).param("tenant", session.tenantId()).param("user", session.userId())
                .param("hash", tokenHash).param("scopes", session.scopes().toArray(String[]::new))
                .param("created", Timestamp.from(session.createdAt())).param("expires", Timestamp.from(session.expiresAt()))
                .update();
    }

    /** The session with this token hash, unless it has expired. */
    public Optional<SessionRecord> findLive(String tokenHash, Instant now) {
        return jdbc.sql("SELECT id, tenant_id, user_id, scopes, created_at, expires_at FROM auth_sessions"
                        + " WHERE token_hash = :hash AND expires_at > :now")
                .param("hash", tokenHash).param("now", Timestamp.from(now))
                .query(MAPPER).optional();
    }

    /** Ends every session of these users in a tenant (their contact was erased); returns how many there were. */
    public int deleteForUsers(String tenantId, Collection<String> userIds) {
        if (userIds.isEmpty()) {
            return 0;
        }
        return jdbc.sql("DELETE FROM auth_sessions WHERE tenant_id = :tenant AND user_id IN (:users)")
                .param("tenant", tenantId).param("users", userIds).update();
    }

    /** Expired sessions are useless; keeps the table small. */
    public int deleteExpired(Instant before) {
        return jdbc.sql("DELETE FROM auth_sessions WHERE expires_at < :before").param("before", Timestamp.from(before)).update();
    }
}
