package dev.supportplatform.chat.intent;

import dev.supportplatform.common.dialect.ApiError;
import dev.supportplatform.common.dialect.ErrorKind;
import dev.supportplatform.common.service.identity.IdentityContext;
import dev.supportplatform.common.service.web.ApiException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A tenant's intents: managing them and their examples, fitting the tenant's classifier in the background, and
 * detecting the intent of a message with the newest fitted model (or the built-in one until the tenant trains).
 * Examples are embedded once, when they are added; a fit only reads the stored vectors.
 */
@Service
public class IntentService {

    private static final Logger log = LoggerFactory.getLogger(IntentService.class);
    /** Paths under /api/v1/intents that are not intent names. */
    private static final Set<String> RESERVED = Set.of("import", "train", "model", "settings", "classify");
    public static final int MAX_NAME = 100;
    public static final int MAX_EXAMPLE_CHARS = 1000;

    private final IntentStore store;
    private final TextEncoder encoder;
    private final IntentsProperties properties;
    private final TransactionTemplate tx;
    private final Clock clock;
    private final IntentTrainer trainer;
    private final ExecutorService training = Executors.newSingleThreadExecutor(Thread.ofPlatform().name("intent-train").daemon().factory());
    private final Map<String, TenantModel> loaded = new ConcurrentHashMap<>();
    private final Set<String> queued = ConcurrentHashMap.newKeySet();
    private volatile IntentClassifier builtInModel;
    private volatile List<IntentTrainer.Example> builtInExamples;

    public IntentService(IntentStore store, TextEncoder encoder, IntentsProperties properties, TransactionTemplate tx, Clock clock) {
        this.store = store;
        this.encoder = encoder;
        this.properties = properties;
        this.tx = tx;
        this.clock = clock;
        this.trainer = new IntentTrainer(properties.c(), properties.temperature(), properties.embeddingWeight(), properties.maxTerms());
    }

    // ------------------------------------------------------------------ detection

    /** A tenant's model as this replica holds it: everything classifying needs, so that it needs no database. */
    public record TenantModel(long version, IntentClassifier classifier, double threshold, Map<String, IntentAction> actions,
                              long checkedAtNanos) {
    }

    public TextEncoder encoder() {
        return encoder;
    }

    /** The intent of {@code text} for the current tenant. */
    public IntentMatch classify(String text) {
        return classify(model(), text, encoder.encode(text));
    }

    /**
     * The current tenant's model. Getting it may read the database (when this replica has not checked for a newer
     * model for {@code platform.intents.refresh}); classifying with it never does. A turn therefore gets it before it
     * opens its transaction: scoring that needed a connection while turns held theirs waiting for the scores would
     * starve the pool.
     */
    public TenantModel model() {
        return current(IdentityContext.requireTenant());
    }

    /**
     * The intent of an already encoded message (the turn encodes once for intent and sentiment).
     * @param vector {@code text}'s {@link TextEncoder} vector
     */
    public IntentMatch classify(TenantModel model, String text, float[] vector) {
        List<IntentClassifier.Scored> ranked = model.classifier().rank(vector, text);
        IntentClassifier.Scored best = ranked.stream().filter(s -> !BuiltInIntents.OUT_OF_SCOPE.equals(s.label())).findFirst()
                .orElse(ranked.getFirst());
        boolean outOfScope = BuiltInIntents.OUT_OF_SCOPE.equals(ranked.getFirst().label()) || best.probability() < model.threshold();
        IntentAction action = outOfScope ? IntentAction.label()
                : BuiltInIntents.ACTIONS.getOrDefault(best.label(), model.actions().getOrDefault(best.label(), IntentAction.label()));
        return new IntentMatch(outOfScope ? BuiltInIntents.OUT_OF_SCOPE : best.label(), best.probability(), outOfScope, best.label(),
                action, model.threshold(), model.version(), List.copyOf(ranked.subList(0, Math.min(3, ranked.size()))));
    }

    private TenantModel current(String tenant) {
        long now = System.nanoTime();
        TenantModel held = loaded.get(tenant);
        if (held != null && now - held.checkedAtNanos() < properties.refresh().toNanos()) {
            return held;
        }
        Optional<IntentStore.ModelHead> head = store.modelHead(tenant);
        double threshold = thresholdOrDefault(head.map(IntentStore.ModelHead::threshold).orElse(null));
        long version = head.map(IntentStore.ModelHead::version).orElse(0L);
        IntentClassifier classifier;
        if (version == 0) {
            classifier = builtInModel();
        } else if (held != null && held.version() == version) {
            classifier = held.classifier();
        } else {
            classifier = IntentClassifier.fromBytes(store.modelBytes(tenant));
            if (!classifier.layout().equals(encoder.layout())) {
                // fitted on vectors of other embedding models: unusable until retrained
                log.warn("Tenant {}'s intent model was fitted with {}, the service now encodes with {}; using the built-in model",
                        tenant, classifier.layout(), encoder.layout());
                classifier = builtInModel();
                version = 0;
            }
        }
        TenantModel fresh = new TenantModel(version, classifier, threshold, version == 0 ? Map.of() : store.actions(tenant), now);
        loaded.put(tenant, fresh);
        return fresh;
    }

    /** The classifier of a tenant without intents of its own: the built-in intents only, fitted once per process. */
    IntentClassifier builtInModel() {
        IntentClassifier model = builtInModel;
        if (model == null) {
            synchronized (this) {
                if (builtInModel == null) {
                    builtInModel = trainer.fit(encoder.layout(), builtInExamples());
                }
                model = builtInModel;
            }
        }
        return model;
    }

    private List<IntentTrainer.Example> builtInExamples() {
        List<IntentTrainer.Example> examples = builtInExamples;
        if (examples == null) {
            List<BuiltInIntents.Example> shipped = BuiltInIntents.examples();
            List<float[]> vectors = encoder.encodeAll(shipped.stream().map(BuiltInIntents.Example::text).toList());
            List<IntentTrainer.Example> out = new ArrayList<>();
            for (int i = 0; i < shipped.size(); i++) {
                out.add(new IntentTrainer.Example(shipped.get(i).intent(), shipped.get(i).text(), vectors.get(i)));
            }
            examples = builtInExamples = List.copyOf(out);
        }
        return examples;
    }

    // ------------------------------------------------------------------ management

    public record Definition(String name, String description, IntentAction action, List<String> examples) {
    }

    public record IntentView(String id, String name, String description, IntentAction action, int examples, boolean builtIn,
                             java.time.Instant createdAt, java.time.Instant updatedAt) {
    }

    public List<IntentView> list() {
        String tenant = IdentityContext.requireTenant();
        List<IntentView> out = new ArrayList<>();
        Map<String, Integer> builtInCounts = new LinkedHashMap<>();
        for (BuiltInIntents.Example e : BuiltInIntents.examples()) {
            builtInCounts.merge(e.intent(), 1, Integer::sum);
        }
        builtInCounts.remove(BuiltInIntents.OUT_OF_SCOPE); // shipped negatives; a tenant's own are its out_of_scope intent
        builtInCounts.forEach((name, n) -> out.add(new IntentView(name, name, null,
                BuiltInIntents.ACTIONS.getOrDefault(name, IntentAction.label()), n, true, null, null)));
        for (IntentStore.StoredIntent i : store.list(tenant)) {
            out.add(view(i));
        }
        return out;
    }

    public IntentView get(String ref) {
        return view(require(IdentityContext.requireTenant(), ref));
    }

    public IntentView create(Definition d) {
        String tenant = IdentityContext.requireTenant();
        String name = checkName(d.name());
        IntentAction action = BuiltInIntents.isBuiltIn(name) ? IntentAction.label()
                : checkAction(d.action() == null ? IntentAction.label() : d.action());
        List<String> texts = checkExamples(d.examples() == null ? List.of() : d.examples(), "examples");
        if (store.find(tenant, name).isPresent()) {
            throw ApiException.conflict("An intent named " + name + " already exists");
        }
        List<float[]> vectors = encoder.encodeAll(texts);
        UUID id = tx.execute(s -> {
            store.ensureModelRow(tenant, clock.instant());
            UUID created = store.insert(tenant, name, blankToNull(d.description()), action, clock.instant());
            store.addExamples(tenant, created, texts, vectors, encoder.layout(), clock.instant());
            store.examplesChanged(tenant, clock.instant());
            return created;
        });
        return get(id.toString());
    }

    public IntentView update(String ref, Definition d) {
        String tenant = IdentityContext.requireTenant();
        IntentStore.StoredIntent existing = require(tenant, ref);
        String name = d.name() == null ? existing.name() : checkName(d.name());
        if (!name.equalsIgnoreCase(existing.name()) && store.find(tenant, name).isPresent()) {
            throw ApiException.conflict("An intent named " + name + " already exists");
        }
        IntentAction action = d.action() == null || BuiltInIntents.isBuiltIn(existing.name()) ? existing.action() : checkAction(d.action());
        String description = d.description() == null ? existing.description() : blankToNull(d.description());
        tx.executeWithoutResult(s -> {
            store.update(tenant, existing.id(), name, description, action, clock.instant());
            if (!name.equals(existing.name())) {
                store.examplesChanged(tenant, clock.instant());
            }
        });
        loaded.remove(tenant);
        return get(existing.id().toString());
    }

    public void delete(String ref) {
        String tenant = IdentityContext.requireTenant();
        IntentStore.StoredIntent existing = require(tenant, ref);
        tx.executeWithoutResult(s -> {
            store.delete(tenant, existing.id());
            store.examplesChanged(tenant, clock.instant());
        });
        loaded.remove(tenant);
    }

    public List<IntentStore.StoredExample> examples(String ref, int limit, int offset) {
        String tenant = IdentityContext.requireTenant();
        return store.examples(tenant, require(tenant, ref).id(), limit, offset);
    }

    public record Added(int added, int duplicates) {
    }

    public Added addExamples(String ref, List<String> examples) {
        String tenant = IdentityContext.requireTenant();
        IntentStore.StoredIntent intent = require(tenant, ref);
        List<String> texts = checkExamples(examples == null ? List.of() : examples, "examples");
        if (texts.isEmpty()) {
            throw ApiException.invalid("examples", "examples must list at least one phrase");
        }
        checkCapacity(tenant, texts.size());
        List<float[]> vectors = encoder.encodeAll(texts);
        int added = tx.execute(s -> {
            int n = store.addExamples(tenant, intent.id(), texts, vectors, encoder.layout(), clock.instant());
            store.examplesChanged(tenant, clock.instant());
            return n;
        });
        return new Added(added, texts.size() - added);
    }

    public void deleteExample(String ref, long exampleId) {
        String tenant = IdentityContext.requireTenant();
        IntentStore.StoredIntent intent = require(tenant, ref);
        boolean deleted = Boolean.TRUE.equals(tx.execute(s -> {
            boolean d = store.deleteExample(tenant, intent.id(), exampleId);
            if (d) {
                store.examplesChanged(tenant, clock.instant());
            }
            return d;
        }));
        if (!deleted) {
            throw ApiException.notFound("Example not found", "Intent " + intent.name() + " has no example " + exampleId);
        }
    }

    public record ImportRow(String text, String intent) {
    }

    public record Imported(int rows, int added, int duplicates, List<String> intentsCreated) {
    }

    /**
     * Adds {@code text,intent} rows, creating intents (action {@code label}) that do not exist yet. All rows are
     * checked before anything is stored, and everything is stored in one transaction.
     */
    public Imported importRows(List<ImportRow> rows) {
        String tenant = IdentityContext.requireTenant();
        if (rows.isEmpty()) {
            throw ApiException.invalid("file", "The CSV has no rows; expected a header text,intent and one example per line");
        }
        if (rows.size() > properties.maxImportRows()) {
            throw ApiException.invalid("file", "At most " + properties.maxImportRows() + " rows per import; split the file");
        }
        Map<String, List<String>> byIntent = new LinkedHashMap<>();
        for (int i = 0; i < rows.size(); i++) {
            ImportRow row = rows.get(i);
            String line = "row " + (i + 2);
            String name;
            try {
                name = checkName(row.intent());
            } catch (ApiException e) {
                throw ApiException.invalid("file", line + ": " + e.getMessage());
            }
            String text = row.text() == null ? "" : row.text().strip();
            if (text.isEmpty() || text.length() > MAX_EXAMPLE_CHARS) {
                throw ApiException.invalid("file", line + ": text must be 1.." + MAX_EXAMPLE_CHARS + " characters");
            }
            byIntent.computeIfAbsent(canonical(tenant, name), k -> new ArrayList<>()).add(text);
        }
        checkCapacity(tenant, rows.size());
        List<String> names = new ArrayList<>(byIntent.keySet());
        List<String> allTexts = byIntent.values().stream().flatMap(List::stream).toList();
        List<float[]> vectors = encoder.encodeAll(allTexts);
        return tx.execute(s -> {
            store.ensureModelRow(tenant, clock.instant());
            List<String> created = new ArrayList<>();
            int added = 0;
            int offset = 0;
            for (String name : names) {
                List<String> texts = byIntent.get(name);
                UUID id = store.find(tenant, name).map(IntentStore.StoredIntent::id).orElse(null);
                if (id == null) {
                    id = store.insert(tenant, name, null, IntentAction.label(), clock.instant());
                    created.add(name);
                }
                added += store.addExamples(tenant, id, texts, vectors.subList(offset, offset + texts.size()), encoder.layout(), clock.instant());
                offset += texts.size();
            }
            store.examplesChanged(tenant, clock.instant());
            return new Imported(rows.size(), added, rows.size() - added, created);
        });
    }

    /** The stored spelling of an existing intent, so that "Card_Arrival" in a CSV adds to "card_arrival". */
    private String canonical(String tenant, String name) {
        return store.find(tenant, name).map(IntentStore.StoredIntent::name).orElse(name);
    }

    // ------------------------------------------------------------------ training

    public record ModelStatus(String status, long version, boolean stale, double threshold, Integer examples, Integer intents,
                              Long trainingMs, String error, java.time.Instant requestedAt, java.time.Instant trainedAt,
                              String encoder) {
    }

    public ModelStatus status() {
        String tenant = IdentityContext.requireTenant();
        return store.model(tenant).map(r -> new ModelStatus(queued.contains(tenant) ? "training" : r.status(), r.model() == null ? 0 : r.version(),
                        r.trainedVersion() == null || r.trainedVersion() < r.examplesVersion(), thresholdOrDefault(r.threshold()), r.examples(),
                        r.intents(), r.trainingMs(), r.error(), r.requestedAt(), r.trainedAt(), encoder.layout()))
                .orElse(new ModelStatus("untrained", 0, false, properties.threshold(), null, null, null, null, null, null,
                        encoder.layout()));
    }

    /** Starts fitting the tenant's classifier in the background; a request while one is queued joins it. */
    public ModelStatus train() {
        String tenant = IdentityContext.requireTenant();
        if (store.count(tenant) == 0) {
            throw ApiException.invalid("intents", "The tenant has no intents of its own to train on; add intents with examples first");
        }
        store.ensureModelRow(tenant, clock.instant());
        if (queued.add(tenant)) {
            long basedOn = store.markTraining(tenant, clock.instant());
            training.submit(() -> fit(tenant, basedOn));
        }
        return status();
    }

    /** Embeds the built-in examples and fits the built-in model off the request path, once, when the service is up. */
    @org.springframework.context.event.EventListener(org.springframework.boot.context.event.ApplicationReadyEvent.class)
    void warmUp() {
        training.submit(this::builtInModel);
    }

    private void fit(String tenant, long basedOn) {
        try {
            builtInExamples(); // embedded once per process; not part of a tenant's fit time
            long started = System.nanoTime();
            List<IntentStore.StaleExample> stale = store.staleExamples(tenant, encoder.layout());
            if (!stale.isEmpty()) {
                store.reembed(tenant, stale, encoder.encodeAll(stale.stream().map(IntentStore.StaleExample::text).toList()), encoder.layout());
            }
            List<IntentTrainer.Example> examples = new ArrayList<>(builtInExamples());
            int own = 0;
            for (IntentStore.LabelledExample v : store.trainingSet(tenant)) {
                examples.add(new IntentTrainer.Example(v.intent(), v.text(), v.vector()));
                own++;
            }
            IntentClassifier classifier = trainer.fit(encoder.layout(), examples);
            long ms = (System.nanoTime() - started) / 1_000_000;
            int intents = (int) classifier.labels().stream().filter(l -> !BuiltInIntents.isBuiltIn(l)).count();
            long version = store.saveModel(tenant, classifier.toBytes(), basedOn, own, intents, ms, clock.instant());
            loaded.remove(tenant);
            log.info("Fitted tenant {}'s intent model v{}: {} examples, {} intents, {} ms", tenant, version, own, intents, ms);
        } catch (RuntimeException e) {
            log.error("Fitting tenant {}'s intent model failed", tenant, e);
            store.markFailed(tenant, e.getClass().getSimpleName() + ": " + e.getMessage(), clock.instant());
        } finally {
            queued.remove(tenant);
        }
    }

    private double thresholdOrDefault(Double own) {
        return own == null ? properties.threshold() : own;
    }

    public ModelStatus setThreshold(Double threshold) {
        if (threshold == null || threshold.isNaN() || threshold < 0 || threshold > 1) {
            throw ApiException.invalid("threshold", "threshold must be a number from 0 to 1");
        }
        String tenant = IdentityContext.requireTenant();
        tx.executeWithoutResult(s -> {
            store.ensureModelRow(tenant, clock.instant());
            store.setThreshold(tenant, threshold, clock.instant());
        });
        loaded.remove(tenant);
        return status();
    }

    // ------------------------------------------------------------------ checks

    /**
     * A tenant's intent by id or name. A built-in intent's name finds the tenant's own examples of it (an intent row
     * of the same name, created like any other); the built-in part itself cannot be changed.
     */
    private IntentStore.StoredIntent require(String tenant, String ref) {
        Optional<IntentStore.StoredIntent> found = store.find(tenant, ref);
        if (found.isEmpty() && BuiltInIntents.isBuiltIn(ref)) {
            throw new ApiException(ApiError.of(ErrorKind.FORBIDDEN, "Built-in intents cannot be changed",
                    ref + " is built in; its examples ship with the service. Add your own examples of it by creating an intent"
                            + " with its name."));
        }
        return found.orElseThrow(() -> ApiException.notFound("Intent not found", "No intent " + ref));
    }

    private static String checkName(String raw) {
        String name = raw == null ? "" : raw.strip();
        if (name.isEmpty() || name.length() > MAX_NAME) {
            throw ApiException.invalid("name", "name must be 1.." + MAX_NAME + " characters");
        }
        if (name.contains("/") || name.chars().anyMatch(Character::isISOControl)) {
            throw ApiException.invalid("name", "name must not contain '/' or control characters");
        }
        String lower = name.toLowerCase(Locale.ROOT);
        if (BuiltInIntents.isBuiltIn(lower)) {
            // the tenant's own examples of a built-in intent (out_of_scope: negative examples), trained under its label
            return lower;
        }
        if (RESERVED.contains(lower)) {
            throw ApiException.invalid("name", "'" + name + "' is reserved: it is a path under /api/v1/intents");
        }
        return name;
    }

    private static IntentAction checkAction(IntentAction action) {
        String type = action.type() == null ? IntentAction.LABEL : action.type().toLowerCase(Locale.ROOT);
        Map<String, Object> filter = action.knowledgeFilter() == null ? Map.of() : action.knowledgeFilter();
        return switch (type) {
            case IntentAction.LABEL -> IntentAction.label();
            case IntentAction.ROUTE -> {
                if (action.routeTo() == null || action.routeTo().isBlank()) {
                    throw ApiException.invalid("action.route_to", "a route action names the agent or persona in route_to");
                }
                yield new IntentAction(type, action.routeTo().strip(), Map.of(), null);
            }
            case IntentAction.ANSWER -> {
                if (filter.isEmpty()) {
                    throw ApiException.invalid("action.knowledge_filter", "an answer action needs a knowledge_filter {collection, category, tags}");
                }
                if (!Set.of("collection", "category", "tags").containsAll(filter.keySet())) {
                    throw ApiException.invalid("action.knowledge_filter", "knowledge_filter takes collection, category and tags");
                }
                yield new IntentAction(type, null, filter, null);
            }
            case IntentAction.ESCALATE -> new IntentAction(type, null, Map.of(),
                    action.escalationReason() == null || action.escalationReason().isBlank() ? "intent" : action.escalationReason().strip());
            default -> throw ApiException.invalid("action.type", "action.type must be one of label, route, answer, escalate");
        };
    }

    private static List<String> checkExamples(List<String> examples, String field) {
        List<String> out = new ArrayList<>();
        for (String e : examples) {
            String text = e == null ? "" : e.strip();
            if (text.isEmpty() || text.length() > MAX_EXAMPLE_CHARS) {
                throw ApiException.invalid(field, "every example must be 1.." + MAX_EXAMPLE_CHARS + " characters");
            }
            out.add(text);
        }
        return out;
    }

    private void checkCapacity(String tenant, int adding) {
        Integer have = store.list(tenant).stream().mapToInt(IntentStore.StoredIntent::examples).sum();
        if (have + adding > properties.maxExamples()) {
            throw ApiException.invalid("examples", "A tenant may have at most " + properties.maxExamples() + " examples (has " + have + ")");
        }
    }

    private static IntentView view(IntentStore.StoredIntent i) {
        return new IntentView(i.id().toString(), i.name(), i.description(), i.action(), i.examples(), false, i.createdAt(), i.updatedAt());
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
