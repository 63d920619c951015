package dev.supportplatform.chat.api.platform;

import dev.supportplatform.chat.api.Paging;
import dev.supportplatform.chat.intent.IntentAction;
import dev.supportplatform.chat.intent.IntentMatch;
import dev.supportplatform.chat.intent.IntentService;
import dev.supportplatform.chat.intent.IntentStore;
import dev.supportplatform.common.service.web.ApiException;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Size;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A tenant's intents (no contract defines them; platform.md's style and errors, beside personas):
 * {@code /api/v1/intents}. Documented in chat-service/README.md.
 */
@RestController
public class IntentsController {

    private static final int MAX_CLASSIFY_CHARS = 8000;

    private final IntentService intents;

    public IntentsController(IntentService intents) {
        this.intents = intents;
    }

    public record ActionBody(String type, String routeTo, Map<String, Object> knowledgeFilter, String escalationReason) {
        IntentAction action() {
            return new IntentAction(type, routeTo, knowledgeFilter, escalationReason);
        }
    }

    public record IntentBody(@Size(max = 100) String name, @Size(max = 2000) String description, ActionBody action,
                             @Size(max = 1000) List<String> examples) {
        IntentService.Definition definition() {
            return new IntentService.Definition(name, description, action == null ? null : action.action(), examples);
        }
    }

    public record ExamplesBody(@Size(max = 1000) List<String> examples) {
    }

    public record TextBody(String text) {
    }

    public record SettingsBody(Double threshold) {
    }

    @GetMapping("/api/v1/intents")
    public Map<String, Object> list() {
        List<Map<String, Object>> items = intents.list().stream().map(IntentsController::render).toList();
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("intents", items);
        out.put("total", items.size());
        out.put("model", render(intents.status()));
        return out;
    }

    @PostMapping("/api/v1/intents")
    @ResponseStatus(HttpStatus.CREATED)
    public Map<String, Object> create(@Valid @RequestBody IntentBody body) {
        return render(intents.create(body.definition()));
    }

    @GetMapping("/api/v1/intents/{id}")
    public Map<String, Object> get(@PathVariable String id) {
        return render(intents.get(id));
    }

    @PutMapping("/api/v1/intents/{id}")
    public Map<String, Object> update(@PathVariable String id, @Valid @RequestBody IntentBody body) {
        if (body.examples() != null) {
            throw ApiException.invalid("examples", "Add examples with POST /api/v1/intents/{id}/examples");
        }
        return render(intents.update(id, body.definition()));
    }

    @DeleteMapping("/api/v1/intents/{id}")
    public Map<String, Object> delete(@PathVariable String id) {
        intents.delete(id);
        return Map.of("deleted", true, "id", id);
    }

    @GetMapping("/api/v1/intents/{id}/examples")
    public Map<String, Object> examples(@PathVariable String id, @RequestParam(defaultValue = "50") int limit,
                                        @RequestParam(defaultValue = "0") int offset) {
        List<IntentStore.StoredExample> page = intents.examples(id, Paging.limit(limit), Paging.offset(offset));
        return Map.of("examples", page.stream().map(e -> Map.of("id", e.id(), "text", e.text(), "created_at", e.createdAt().toString()))
                .toList(), "limit", limit, "offset", offset);
    }

    @PostMapping("/api/v1/intents/{id}/examples")
    @ResponseStatus(HttpStatus.CREATED)
    public Map<String, Object> addExamples(@PathVariable String id, @Valid @RequestBody ExamplesBody body) {
        IntentService.Added added = intents.addExamples(id, body.examples());
        return Map.of("added", added.added(), "duplicates", added.duplicates());
    }

    @DeleteMapping("/api/v1/intents/{id}/examples/{exampleId}")
    public Map<String, Object> deleteExample(@PathVariable String id, @PathVariable long exampleId) {
        intents.deleteExample(id, exampleId);
        return Map.of("deleted", true, "id", exampleId);
    }

    /** CSV with a header row {@code text,intent}, as the request body ({@code text/csv}). */
    @PostMapping(path = "/api/v1/intents/import", consumes = {"text/csv", MediaType.TEXT_PLAIN_VALUE})
    public Map<String, Object> importCsv(@RequestBody String csv, @RequestParam(defaultValue = "false") boolean train) {
        return imported(intents.importRows(parse(new StringReader(csv))), train);
    }

    /** The same CSV as a multipart upload in the field {@code file}. */
    @PostMapping(path = "/api/v1/intents/import", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    public Map<String, Object> importFile(@RequestParam("file") MultipartFile file, @RequestParam(defaultValue = "false") boolean train) {
        try (Reader reader = new java.io.InputStreamReader(file.getInputStream(), StandardCharsets.UTF_8)) {
            return imported(intents.importRows(parse(reader)), train);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Map<String, Object> imported(IntentService.Imported result, boolean train) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("rows", result.rows());
        out.put("added", result.added());
        out.put("duplicates", result.duplicates());
        out.put("intents_created", result.intentsCreated());
        out.put("model", render(train ? intents.train() : intents.status()));
        return out;
    }

    static List<IntentService.ImportRow> parse(Reader reader) {
        CSVFormat format = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).setIgnoreEmptyLines(true)
                .setTrim(true).get();
        try (CSVParser parser = CSVParser.parse(reader, format)) {
            Map<String, Integer> header = new LinkedHashMap<>();
            parser.getHeaderMap().forEach((k, v) -> header.put(k.toLowerCase(Locale.ROOT).strip(), v));
            Integer text = header.get("text");
            Integer intent = header.containsKey("intent") ? header.get("intent") : header.get("label");
            if (text == null || intent == null) {
                throw ApiException.invalid("file", "The CSV's header must name the columns text and intent (found " + header.keySet() + ")");
            }
            List<IntentService.ImportRow> rows = new ArrayList<>();
            for (CSVRecord record : parser) {
                if (record.size() <= Math.max(text, intent)) {
                    throw ApiException.invalid("file", "row " + (record.getRecordNumber() + 1) + " has " + record.size() + " columns, expected text,intent");
                }
                rows.add(new IntentService.ImportRow(record.get(text), record.get(intent)));
            }
            return rows;
        } catch (IOException | IllegalStateException | IllegalArgumentException e) {
            throw ApiException.invalid("file", "The CSV could not be read: " + e.getMessage());
        } catch (java.io.UncheckedIOException e) {
            throw ApiException.invalid("file", "The CSV could not be read: " + e.getCause().getMessage());
        }
    }

    @PostMapping("/api/v1/intents/train")
    @ResponseStatus(HttpStatus.ACCEPTED)
    public Map<String, Object> train() {
        return render(intents.train());
    }

    @GetMapping("/api/v1/intents/model")
    public Map<String, Object> model() {
        return render(intents.status());
    }

    @PutMapping("/api/v1/intents/settings")
    public Map<String, Object> settings(@RequestBody SettingsBody body) {
        return render(intents.setThreshold(body == null ? null : body.threshold()));
    }

    /** What the turn would detect in a message, without storing anything. */
    @PostMapping("/api/v1/intents/classify")
    public Map<String, Object> classify(@RequestBody TextBody body) {
        if (body == null || body.text() == null || body.text().isBlank()) {
            throw ApiException.invalid("text", "text is required");
        }
        if (body.text().length() > MAX_CLASSIFY_CHARS) {
            throw ApiException.invalid("text", "text must be at most " + MAX_CLASSIFY_CHARS + " characters");
        }
        long started = System.nanoTime();
        IntentMatch match = intents.classify(body.text().strip());
        Map<String, Object> out = new LinkedHashMap<>(match.describe());
        out.put("intent", match.intent());
        // unrounded here (metadata shows 3 decimals): it is what the threshold is compared with
        out.put("confidence", match.confidence());
        out.remove("name");
        out.put("took_ms", Math.round((System.nanoTime() - started) / 10_000.0) / 100.0);
        return out;
    }

    private static Map<String, Object> render(IntentService.IntentView i) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", i.id());
        out.put("name", i.name());
        out.put("description", i.description());
        Map<String, Object> action = new LinkedHashMap<>();
        action.put("type", i.action().type());
        if (i.action().routeTo() != null) {
            action.put("route_to", i.action().routeTo());
        }
        if (!i.action().knowledgeFilter().isEmpty()) {
            action.put("knowledge_filter", i.action().knowledgeFilter());
        }
        if (i.action().escalationReason() != null) {
            action.put("escalation_reason", i.action().escalationReason());
        }
        out.put("action", action);
        out.put("examples", i.examples());
        out.put("built_in", i.builtIn());
        out.put("created_at", i.createdAt() == null ? null : i.createdAt().toString());
        out.put("updated_at", i.updatedAt() == null ? null : i.updatedAt().toString());
        return out;
    }

    private static Map<String, Object> render(IntentService.ModelStatus s) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("status", s.status());
        out.put("version", s.version());
        out.put("stale", s.stale());
        out.put("threshold", s.threshold());
        out.put("examples", s.examples());
        out.put("intents", s.intents());
        out.put("training_ms", s.trainingMs());
        out.put("error", s.error());
        out.put("requested_at", s.requestedAt() == null ? null : s.requestedAt().toString());
        out.put("trained_at", s.trainedAt() == null ? null : s.trainedAt().toString());
        out.put("encoder", s.encoder());
        return out;
    }
}
