package dev.supportplatform.analytics.ingest;

import org.springframework.jdbc.core.JdbcTemplate;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Erased contacts. Only hashes of their ids are kept, so that an event about an erased contact that arrives after
 * the erasure (late, redelivered, or replayed in another order across topics) is anonymised on arrival. The
 * pseudonym is derived from the tenant and the contact's internal id so that a rebuild produces the same one.
 */
final class Erasures {
    private final Map<String, String> pseudonymByTenantAndHash = new HashMap<>();
    private final Map<String, String> hashes = new HashMap<>();

    private String cachedHash(String id) {
        return hashes.computeIfAbsent(id, Erasures::hash);
    }

    static String hash(String id) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(id.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static String pseudonymFor(String tenant, String contactId) {
        return "erased-" + hash(tenant + ":" + contactId).substring(0, 16);
    }

    /** Loads the tombstones of the given ids, one query for the whole batch. */
    static Erasures load(JdbcTemplate jdbc, Map<String, Set<String>> idsByTenant) {
        Erasures erasures = new Erasures();
        List<String> tenants = new ArrayList<>();
        List<String> hashes = new ArrayList<>();
        idsByTenant.forEach((tenant, ids) -> ids.forEach(id -> {
            tenants.add(tenant);
            hashes.add(hash(id));
        }));
        if (tenants.isEmpty()) {
            return erasures;
        }
        jdbc.query(con -> {
            var ps = con.prepareStatement("select e.tenant_id, e.id_hash, e.pseudonym from erased_contact e "
                    + "join unnest(?::text[], ?::text[]) as q(tenant_id, id_hash) on q.tenant_id = e.tenant_id and q.id_hash = e.id_hash");
            ps.setArray(1, con.createArrayOf("text", tenants.toArray()));
            ps.setArray(2, con.createArrayOf("text", hashes.toArray()));
            return ps;
        }, rs -> {
            erasures.pseudonymByTenantAndHash.put(rs.getString(1) + "|" + rs.getString(2), rs.getString(3));
        });
        return erasures;
    }

    /** The id to store for a contact: its pseudonym if it was erased, else itself. */
    String apply(String tenant, String contactId) {
        if (contactId == null) {
            return null;
        }
        if (pseudonymByTenantAndHash.isEmpty()) {
            return contactId;
        }
        return pseudonymByTenantAndHash.getOrDefault(tenant + "|" + cachedHash(contactId), contactId);
    }

    boolean isErased(String tenant, String contactId) {
        return contactId != null && !pseudonymByTenantAndHash.isEmpty() && pseudonymByTenantAndHash.containsKey(tenant + "|" + cachedHash(contactId));
    }

    /**
     * Records the erasure and anonymises everything already stored about the contact: personal fields are
     * cleared, ids are replaced by the pseudonym, counts stay as they were.
     */
    static void erase(JdbcTemplate jdbc, String tenant, String contactId, Collection<String> externalIds) {
        Set<String> ids = new LinkedHashSet<>();
        if (contactId != null) {
            ids.add(contactId);
        }
        if (externalIds != null) {
            externalIds.stream().filter(id -> id != null && !id.isBlank()).forEach(ids::add);
        }
        if (ids.isEmpty()) {
            return;
        }
        String pseudonym = pseudonymFor(tenant, contactId != null ? contactId : ids.iterator().next());
        for (String id : ids) {
            jdbc.update("insert into erased_contact (tenant_id, id_hash, pseudonym) values (?, ?, ?) on conflict do nothing",
                    tenant, hash(id), pseudonym);
        }
        String[] idArray = ids.toArray(String[]::new);
        jdbc.update(con -> withIds(con.prepareStatement(
                "delete from contact_fact where tenant_id = ? and (contact_id = any(?) or external_id = any(?))"), tenant, idArray, 2, 3));
        jdbc.update(con -> {
            var ps = withIds(con.prepareStatement(
                    "update conversation_fact set contact_id = ?, title = null where tenant_id = ? and contact_id = any(?)"), tenant, idArray, 3);
            ps.setString(1, pseudonym);
            return ps;
        });
        for (String table : List.of("message_fact", "session_fact", "feedback_fact")) {
            jdbc.update(con -> {
                var ps = withIds(con.prepareStatement("update " + table + " set contact_id = ? where tenant_id = ? and contact_id = any(?)"),
                        tenant, idArray, 3);
                ps.setString(1, pseudonym);
                return ps;
            });
        }
        jdbc.update(con -> {
            var ps = withIds(con.prepareStatement("update escalation_fact set customer_id = ? where tenant_id = ? and customer_id = any(?)"),
                    tenant, idArray, 3);
            ps.setString(1, pseudonym);
            return ps;
        });
        jdbc.update(con -> {
            var ps = withIds(con.prepareStatement("insert into contact_activity (tenant_id, bucket, contact_id) "
                    + "select tenant_id, bucket, ? from contact_activity where tenant_id = ? and contact_id = any(?) on conflict do nothing"),
                    tenant, idArray, 3);
            ps.setString(1, pseudonym);
            return ps;
        });
        jdbc.update(con -> withIds(con.prepareStatement("delete from contact_activity where tenant_id = ? and contact_id = any(?)"),
                tenant, idArray, 2));
        jdbc.update(con -> {
            var ps = withIds(con.prepareStatement("insert into contact_last_active (tenant_id, contact_id, last_active_at) "
                    + "select tenant_id, ?, max(last_active_at) from contact_last_active where tenant_id = ? and contact_id = any(?) group by tenant_id "
                    + "on conflict (tenant_id, contact_id) do update set last_active_at = greatest(contact_last_active.last_active_at, excluded.last_active_at)"),
                    tenant, idArray, 3);
            ps.setString(1, pseudonym);
            return ps;
        });
        jdbc.update(con -> withIds(con.prepareStatement("delete from contact_last_active where tenant_id = ? and contact_id = any(?)"),
                tenant, idArray, 2));
    }

    /** Sets the tenant at the parameter before the first id-array index, and the id array at each given index. */
    private static java.sql.PreparedStatement withIds(java.sql.PreparedStatement ps, String tenant, String[] ids, int... arrayIndexes)
            throws java.sql.SQLException {
        ps.setString(arrayIndexes[0] - 1, tenant);
        for (int index : arrayIndexes) {
            ps.setArray(index, ps.getConnection().createArrayOf("text", ids));
        }
        return ps;
    }
}
