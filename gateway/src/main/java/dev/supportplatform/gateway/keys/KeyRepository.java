package dev.supportplatform.gateway.keys;

import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** Tenants and API keys in the gateway's schema. Blocking JDBC: callers run it on a bounded-elastic thread. */
@Repository
public class KeyRepository {

    private static final String KEY_COLUMNS = """
            k.id, k.tenant_id, k.name, k.prefix, k.plan, k.quota_per_hour, k.scopes, k.publishable, k.allowed_origins,
            t.allowed_origins AS tenant_origins, k.created_at, k.rotated_at, k.revoked_at
            """;

    private final JdbcClient jdbc;

    public KeyRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<ApiKeyRecord> findActiveBySecretHash(String hash) {
        return jdbc.sql("SELECT " + KEY_COLUMNS + " FROM api_keys k JOIN tenants t ON t.id = k.tenant_id"
                        + " WHERE k.secret_hash = :hash AND k.revoked_at IS NULL")
                .param("hash", hash).query(KEY_MAPPER).optional();
    }

    public Optional<ApiKeyRecord> findById(String tenantId, String id) {
        return jdbc.sql("SELECT " + KEY_COLUMNS + " FROM api_keys k JOIN tenants t ON t.id = k.tenant_id"
                        + " WHERE k.id = :id AND k.tenant_id = :tenant")
                .param("id", id).param("tenant", tenantId).query(KEY_MAPPER).optional();
    }

    public List<ApiKeyRecord> findByTenant(String tenantId) {
        return jdbc.sql("SELECT " + KEY_COLUMNS + " FROM api_keys k JOIN tenants t ON t.id = k.tenant_id"
                        + " WHERE k.tenant_id = :tenant ORDER BY k.created_at")
                .param("tenant", tenantId).query(KEY_MAPPER).list();
    }

    public void insert(ApiKeyRecord key, String secretHash) {
        jdbc.sql("""
                        INSERT INTO api_keys (id, tenant_id, name, prefix, secret_hash, plan, quota_per_hour, scopes,
                                              publishable, allowed_origins, created_at)
                        VALUES (:id, :tenant, :name, :prefix, :hash, :plan, :quota, :scopes, :publishable, :origins, :created)
                        """)
                .param("id", key.id()).param("tenant", key.tenantId()).param("name", key.name())
                .param("prefix", key.prefix()).param("hash", secretHash).param("plan", key.plan())
                .param("quota", key.quotaPerHour()).param("scopes", key.scopes().toArray(String[]::new))
                .param("publishable", key.publishable()).param("origins", key.allowedOrigins().toArray(String[]::new))
                .param("created", Timestamp.from(key.createdAt()))
                .update();
    }

    /** @return the revoked key's secret hash, so that caches can drop it; empty when no active key matched */
    public Optional<String> revoke(String tenantId, String id, Instant at) {
        return jdbc.sql("UPDATE api_keys SET revoked_at = :at WHERE id = :id AND tenant_id = :tenant AND revoked_at IS NULL"
                        + " RETURNING secret_hash")
                .param("at", Timestamp.from(at)).param("id", id).param("tenant", tenantId)
                .query(String.class).optional();
    }

    /** Swaps the secret; @return the old hash (to evict) when the key exists and is active. */
    public Optional<String> rotate(String tenantId, String id, String newHash, String newPrefix, Instant at) {
        return jdbc.sql("""
                        UPDATE api_keys k SET secret_hash = :hash, prefix = :prefix, rotated_at = :at
                        FROM (SELECT id, secret_hash AS old_hash FROM api_keys WHERE id = :id AND tenant_id = :tenant
                              AND revoked_at IS NULL FOR UPDATE) old
                        WHERE k.id = old.id RETURNING old.old_hash
                        """)
                .param("hash", newHash).param("prefix", newPrefix).param("at", Timestamp.from(at))
                .param("id", id).param("tenant", tenantId)
                .query(String.class).optional();
    }

    public boolean insertTenant(TenantRecord tenant) {
        return jdbc.sql("INSERT INTO tenants (id, name, allowed_origins, created_at) VALUES (:id, :name, :origins, :created)"
                        + " ON CONFLICT (id) DO NOTHING")
                .param("id", tenant.id()).param("name", tenant.name())
                .param("origins", tenant.allowedOrigins().toArray(String[]::new))
                .param("created", Timestamp.from(tenant.createdAt()))
                .update() == 1;
    }

    public Optional<TenantRecord> findTenant(String id) {
        return jdbc.sql("SELECT id, name, allowed_origins, created_at FROM tenants WHERE id = :id")
                .param("id", id)
                .query((rs, n) -> new TenantRecord(rs.getString("id"), rs.getString("name"),
                        strings(rs, "allowed_origins"), instant(rs, "created_at")))
                .optional();
    }

    /** @return the hashes of the tenant's active keys, whose cached entries carry the old origins */
    public List<String> updateTenantOrigins(String id, List<String> origins) {
        jdbc.sql("UPDATE tenants SET allowed_origins = :origins WHERE id = :id")
                .param("origins", origins.toArray(String[]::new)).param("id", id).update();
        return jdbc.sql("SELECT secret_hash FROM api_keys WHERE tenant_id = :id AND revoked_at IS NULL")
                .param("id", id).query(String.class).list();
    }

    private static final RowMapper<ApiKeyRecord> KEY_MAPPER = (rs, n) -> new ApiKeyRecord(
            rs.getString("id"), rs.getString("tenant_id"), rs.getString("name"), rs.getString("prefix"),
            rs.getString("plan"), rs.getLong("quota_per_hour"), strings(rs, "scopes"), rs.getBoolean("publishable"),
            strings(rs, "allowed_origins"), strings(rs, "tenant_origins"), instant(rs, "created_at"),
            instant(rs, "rotated_at"), instant(rs, "revoked_at"));

    static List<String> strings(ResultSet rs, String column) throws SQLException {
        Array array = rs.getArray(column);
        return array == null ? List.of() : Arrays.asList((String[]) array.getArray());
    }

    static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp ts = rs.getTimestamp(column);
        return ts == null ? null : ts.toInstant();
    }
}
