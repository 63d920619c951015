package dev.supportplatform.chat.intent;

import dev.supportplatform.common.ids.Ids;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Repository;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The intent tables, always queried with the tenant's id (these rows are read with plain SQL, so the tenant filter
 * is written here rather than applied by Hibernate).
 */
@Repository
public class IntentStore {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final JdbcTemplate jdbc;

    public IntentStore(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** A tenant's intent as stored, with how many examples it has. */
    public record StoredIntent(UUID id, String name, String description, IntentAction action, int examples,
                               Instant createdAt, Instant updatedAt) {
    }

    public record StoredExample(long id, String text, Instant createdAt) {
    }

    public record LabelledExample(String intent, String text, float[] vector) {
    }

    /** The tenant's classifier row; {@code model} is null until a fit succeeded, {@code threshold} until the tenant sets one. */
    public record ModelRow(Double threshold, String status, long version, long examplesVersion, Long trainedVersion,
                           byte[] model, Integer examples, Integer intents, Long trainingMs, String error,
                           Instant requestedAt, Instant trainedAt) {
    }

    private final RowMapper<StoredIntent> intentRow = (rs, n) -> new StoredIntent(rs.getObject("id", UUID.class),
            rs.getString("name"), rs.getString("description"),
            new IntentAction(rs.getString("action"), rs.getString("route_to"), filter(rs.getString("knowledge_filter")),
                    rs.getString("escalation_reason")),
            rs.getInt("examples"), rs.getTimestamp("created_at").toInstant(), rs.getTimestamp("updated_at").toInstant());

    private static final String SELECT_INTENT = "select i.*, (select count(*) from intent_example e where e.intent_id = i.id) as examples"
            + " from intent i where i.tenant_id = ?";

    public List<StoredIntent> list(String tenant) {
        return jdbc.query(SELECT_INTENT + " order by lower(i.name)", intentRow, tenant);
    }

    /** Each intent's action by its name, for the turn (one light query, cached with the model). */
    public Map<String, IntentAction> actions(String tenant) {
        Map<String, IntentAction> out = new java.util.HashMap<>();
        jdbc.query("select name, action, route_to, knowledge_filter, escalation_reason from intent where tenant_id = ?",
                rs -> {
                    out.put(rs.getString(1), new IntentAction(rs.getString(2), rs.getString(3), filter(rs.getString(4)), rs.getString(5)));
                }, tenant);
        return out;
    }

    public int count(String tenant) {
        return jdbc.queryForObject("select count(*) from intent where tenant_id = ?", Integer.class, tenant);
    }

    public Optional<StoredIntent> find(String tenant, String ref) {
        UUID id = uuidOrNull(ref);
        List<StoredIntent> found = id != null
                ? jdbc.query(SELECT_INTENT + " and i.id = ?", intentRow, tenant, id)
                : jdbc.query(SELECT_INTENT + " and lower(i.name) = lower(?)", intentRow, tenant, ref);
        return found.stream().findFirst();
    }

    public UUID insert(String tenant, String name, String description, IntentAction action, Instant now) {
        UUID id = Ids.uuidV7();
        jdbc.update("insert into intent (id, tenant_id, name, description, action, route_to, knowledge_filter, escalation_reason,"
                        + " created_at, updated_at) values (?, ?, ?, ?, ?, ?, ?::jsonb, ?, ?, ?)",
                id, tenant, name, description, action.type(), action.routeTo(), JSON.writeValueAsString(action.knowledgeFilter()),
                action.escalationReason(), Timestamp.from(now), Timestamp.from(now));
        return id;
    }

    public void update(String tenant, UUID id, String name, String description, IntentAction action, Instant now) {
        jdbc.update("update intent set name = ?, description = ?, action = ?, route_to = ?, knowledge_filter = ?::jsonb,"
                        + " escalation_reason = ?, updated_at = ? where tenant_id = ? and id = ?",
                name, description, action.type(), action.routeTo(), JSON.writeValueAsString(action.knowledgeFilter()),
                action.escalationReason(), Timestamp.from(now), tenant, id);
    }

    public void delete(String tenant, UUID id) {
        jdbc.update("delete from intent where tenant_id = ? and id = ?", tenant, id);
    }

    /** Adds examples, skipping texts the intent already has (case-insensitive); returns how many were new. */
    public int addExamples(String tenant, UUID intentId, List<String> texts, List<float[]> vectors, String encoder, Instant now) {
        List<Object[]> rows = new ArrayList<>(texts.size());
        for (int i = 0; i < texts.size(); i++) {
            rows.add(new Object[]{tenant, intentId, texts.get(i), bytes(vectors.get(i)), encoder, Timestamp.from(now)});
        }
        int added = 0;
        for (int[] batch : jdbc.batchUpdate("insert into intent_example (tenant_id, intent_id, text, embedding, encoder, created_at)"
                + " values (?, ?, ?, ?, ?, ?) on conflict do nothing", rows, 500, (ps, row) -> {
            for (int c = 0; c < row.length; c++) {
                ps.setObject(c + 1, row[c]);
            }
        })) {
            for (int n : batch) {
                added += Math.max(0, n);
            }
        }
        return added;
    }

    public List<StoredExample> examples(String tenant, UUID intentId, int limit, int offset) {
        return jdbc.query("select id, text, created_at from intent_example where tenant_id = ? and intent_id = ? order by id limit ? offset ?",
                (rs, n) -> new StoredExample(rs.getLong("id"), rs.getString("text"), rs.getTimestamp("created_at").toInstant()),
                tenant, intentId, limit, offset);
    }

    public boolean deleteExample(String tenant, UUID intentId, long exampleId) {
        return jdbc.update("delete from intent_example where tenant_id = ? and intent_id = ? and id = ?", tenant, intentId, exampleId) > 0;
    }

    public record StaleExample(long id, String text) {
    }

    /** Examples whose vector another encoder made (the embedding models were changed in the settings). */
    public List<StaleExample> staleExamples(String tenant, String encoder) {
        return jdbc.query("select id, text from intent_example where tenant_id = ? and encoder <> ? order by id",
                (rs, n) -> new StaleExample(rs.getLong(1), rs.getString(2)), tenant, encoder);
    }

    public void reembed(String tenant, List<StaleExample> examples, List<float[]> vectors, String encoder) {
        List<Object[]> rows = new ArrayList<>();
        for (int i = 0; i < examples.size(); i++) {
            rows.add(new Object[]{bytes(vectors.get(i)), encoder, tenant, examples.get(i).id()});
        }
        jdbc.batchUpdate("update intent_example set embedding = ?, encoder = ? where tenant_id = ? and id = ?", rows);
    }

    /** Every example of the tenant with its intent's name, text and stored vector, in a stable order (for a deterministic fit). */
    public List<LabelledExample> trainingSet(String tenant) {
        return jdbc.query("select i.name, e.text, e.embedding from intent_example e join intent i on i.id = e.intent_id"
                        + " where e.tenant_id = ? order by e.id",
                (rs, n) -> new LabelledExample(rs.getString(1), rs.getString(2), floats(rs.getBytes(3))), tenant);
    }

    // ----- the tenant's model row -----

    public Optional<ModelRow> model(String tenant) {
        return jdbc.query("select * from intent_model where tenant_id = ?", (rs, n) -> new ModelRow((Double) rs.getObject("threshold"),
                rs.getString("status"), rs.getLong("version"), rs.getLong("examples_version"), (Long) rs.getObject("trained_version"),
                rs.getBytes("model"), (Integer) rs.getObject("examples"), (Integer) rs.getObject("intents"),
                (Long) rs.getObject("training_ms"), rs.getString("error"), instant(rs.getTimestamp("requested_at")),
                instant(rs.getTimestamp("trained_at"))), tenant).stream().findFirst();
    }

    /**
     * @param threshold the tenant's own threshold, null when it uses the service's default
     * @param version   the fitted model's version, 0 when there is none
     */
    public record ModelHead(Double threshold, long version) {
    }

    /** The threshold and model version without the model's bytes: cheap enough to ask every few seconds. */
    public Optional<ModelHead> modelHead(String tenant) {
        return jdbc.query("select threshold, case when model is null then 0 else version end from intent_model where tenant_id = ?",
                (rs, n) -> new ModelHead((Double) rs.getObject(1), rs.getLong(2)), tenant).stream().findFirst();
    }

    public byte[] modelBytes(String tenant) {
        return jdbc.queryForObject("select model from intent_model where tenant_id = ?", byte[].class, tenant);
    }

    public void ensureModelRow(String tenant, Instant now) {
        jdbc.update("insert into intent_model (tenant_id, updated_at) values (?, ?) on conflict do nothing", tenant, Timestamp.from(now));
    }

    public void setThreshold(String tenant, double threshold, Instant now) {
        jdbc.update("update intent_model set threshold = ?, updated_at = ? where tenant_id = ?", threshold, Timestamp.from(now), tenant);
    }

    /** Records that the training data changed, so the fitted model is stale. */
    public void examplesChanged(String tenant, Instant now) {
        jdbc.update("update intent_model set examples_version = examples_version + 1, updated_at = ? where tenant_id = ?",
                Timestamp.from(now), tenant);
    }

    /** @return the examples version the fit will be based on */
    public long markTraining(String tenant, Instant now) {
        return jdbc.queryForObject("update intent_model set status = 'training', error = null, requested_at = ?, updated_at = ?"
                + " where tenant_id = ? returning examples_version", Long.class, Timestamp.from(now), Timestamp.from(now), tenant);
    }

    public long saveModel(String tenant, byte[] model, long basedOn, int examples, int intents, long trainingMs, Instant now) {
        return jdbc.queryForObject("update intent_model set status = 'ready', model = ?, version = version + 1, trained_version = ?,"
                        + " examples = ?, intents = ?, training_ms = ?, error = null, trained_at = ?, updated_at = ?"
                        + " where tenant_id = ? returning version", Long.class,
                model, basedOn, examples, intents, trainingMs, Timestamp.from(now), Timestamp.from(now), tenant);
    }

    public void markFailed(String tenant, String error, Instant now) {
        jdbc.update("update intent_model set status = 'failed', error = ?, updated_at = ? where tenant_id = ?",
                error, Timestamp.from(now), tenant);
    }

    // ----- helpers -----

    static byte[] bytes(float[] v) {
        ByteBuffer b = ByteBuffer.allocate(v.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        for (float f : v) {
            b.putFloat(f);
        }
        return b.array();
    }

    static float[] floats(byte[] data) {
        ByteBuffer b = ByteBuffer.wrap(data).order(ByteOrder.LITTLE_ENDIAN);
        float[] v = new float[data.length / 4];
        for (int i = 0; i < v.length; i++) {
            v[i] = b.getFloat();
        }
        return v;
    }

    private static Map<String, Object> filter(String json) {
        return json == null ? Map.of() : JSON.readValue(json, new TypeReference<Map<String, Object>>() {
        });
    }

    private static Instant instant(Timestamp t) {
        return t == null ? null : t.toInstant();
    }

    private static UUID uuidOrNull(String ref) {
        try {
            return ref != null && ref.length() == 36 ? UUID.fromString(ref) : null;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
