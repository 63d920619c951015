package dev.supportplatform.knowledge.api;

import dev.supportplatform.common.dialect.Envelopes;
import dev.supportplatform.common.service.identity.IdentityContext;
import dev.supportplatform.common.service.web.ApiException;
import dev.supportplatform.common.service.web.RequestTiming;
import dev.supportplatform.knowledge.document.DocumentFilter;
import dev.supportplatform.knowledge.document.DocumentRecord;
import dev.supportplatform.knowledge.document.DocumentStore;
import dev.supportplatform.knowledge.ingestion.IngestionInput;
import dev.supportplatform.knowledge.ingestion.IngestionService;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.multipart.MultipartHttpServletRequest;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** agents.md's document management: /upload_docs and /rag/**, in its {success, data, metadata} envelope. */
@RestController
public class AgentsDocumentsController {

    private final IngestionService ingestion;
    private final DocumentStore documents;

    public AgentsDocumentsController(IngestionService ingestion, DocumentStore documents) {
        this.ingestion = ingestion;
        this.documents = documents;
    }

    /**
     * Every file part (any part name) is ingested on its own; one bad file fails alone with its reason. Files over the
     * async threshold are accepted with {@code document_status: processing} and finish in the background.
     */
    @PostMapping("/upload_docs")
    public Map<String, Object> upload(MultipartHttpServletRequest request, @RequestParam(required = false) String collection,
                                      @RequestParam(required = false) String category, @RequestParam(required = false) String tags) {
        String tenant = IdentityContext.requireTenant();
        List<MultipartFile> files = request.getMultiFileMap().values().stream().flatMap(List::stream).toList();
        if (files.isEmpty()) {
            throw ApiException.invalid("files", "Upload at least one file in the 'files' form field");
        }
        long started = System.nanoTime();
        List<Map<String, Object>> results = new ArrayList<>();
        int uploaded = 0;
        int failed = 0;
        int totalChunks = 0;
        List<IngestionInput> inputs = new ArrayList<>();
        List<ApiException> unreadable = new ArrayList<>();
        for (MultipartFile file : files) {
            try {
                inputs.add(Uploads.of(file, collection, category, Uploads.tags(tags)));
                unreadable.add(null);
            } catch (ApiException e) {
                inputs.add(null);
                unreadable.add(e);
            }
        }
        List<IngestionService.Result> outcomes = new ArrayList<>(ingestion.ingestAll(tenant, inputs.stream().filter(java.util.Objects::nonNull).toList()));
        for (int i = 0; i < files.size(); i++) {
            MultipartFile file = files.get(i);
            IngestionService.Result result = unreadable.get(i) != null ? new IngestionService.Result(null, unreadable.get(i)) : outcomes.removeFirst();
            Map<String, Object> item = new LinkedHashMap<>();
            item.put("filename", file.getOriginalFilename());
            item.put("size", file.getSize());
            item.put("type", file.getContentType());
            if (result.error() == null) {
                var outcome = result.outcome();
                DocumentRecord d = outcome.document();
                item.put("type", d.contentType());
                item.put("status", "success");
                item.put("chunks_created", outcome.duplicate() ? 0 : d.chunkCount());
                item.put("document_id", d.id());
                item.put("document_status", d.status());
                item.put("duplicate", outcome.duplicate());
                uploaded++;
                totalChunks += outcome.duplicate() ? 0 : d.chunkCount();
            } else {
                item.put("status", "failed");
                item.put("chunks_created", 0);
                item.put("error", result.error().error().message());
                failed++;
            }
            results.add(item);
        }
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("uploaded_files", results);
        data.put("total_uploaded", uploaded);
        data.put("total_failed", failed);
        data.put("total_chunks", totalChunks);
        Map<String, Object> body = Envelopes.agents(data, RequestTiming.currentElapsedSeconds(), Instant.now());
        @SuppressWarnings("unchecked")
        Map<String, Object> metadata = (Map<String, Object>) body.get("metadata");
        metadata.put("processing_time", Math.round((System.nanoTime() - started) / 1e6) / 1000.0);
        return body;
    }

    @GetMapping("/rag/stats")
    public Map<String, Object> stats() {
        String tenant = IdentityContext.requireTenant();
        DocumentStore.Stats stats = documents.stats(tenant);
        Map<String, Long> fileTypes = new TreeMap<>();
        long processing = 0;
        long failed = 0;
        for (DocumentRecord d : documents.all(tenant)) {
            fileTypes.merge(d.fileType(), 1L, Long::sum);
            processing += DocumentRecord.PROCESSING.equals(d.status()) ? 1 : 0;
            failed += DocumentRecord.FAILED.equals(d.status()) ? 1 : 0;
        }
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("total_documents", stats.documents());
        data.put("total_chunks", stats.chunks());
        data.put("total_size_bytes", stats.bytes());
        data.put("file_types", fileTypes);
        data.put("last_updated", stats.lastUpdated() == null ? null : stats.lastUpdated().toString());
        data.put("avg_chunk_size", Math.round(stats.avgChunkSize()));
        data.put("collection_health", failed > 0 ? "degraded" : "healthy");
        data.put("documents_processing", processing);
        data.put("documents_failed", failed);
        return Envelopes.agents(data, RequestTiming.currentElapsedSeconds(), Instant.now());
    }

    @GetMapping("/rag/documents")
    public Map<String, Object> list(@RequestParam(defaultValue = "1") int page, @RequestParam(name = "per_page", defaultValue = "10") int perPage,
                                    @RequestParam(required = false) String collection, @RequestParam(required = false) String category,
                                    @RequestParam(required = false) String tags) {
        if (page < 1) {
            throw ApiException.invalid("page", "page must be at least 1");
        }
        if (perPage < 1 || perPage > 100) {
            throw ApiException.invalid("per_page", "per_page must be between 1 and 100");
        }
        String tenant = IdentityContext.requireTenant();
        DocumentFilter filter = new DocumentFilter(collection, category, Uploads.tags(tags), null);
        List<Map<String, Object>> items = documents.page(tenant, null, filter, (page - 1) * perPage, perPage).stream()
                .map(AgentsDocumentsController::item).toList();
        return Envelopes.agentsPage(items, page, perPage, documents.count(tenant, null, filter), RequestTiming.currentElapsedSeconds(), Instant.now());
    }

    @DeleteMapping("/rag/documents/{filename}")
    public Map<String, Object> delete(@PathVariable String filename) {
        String tenant = IdentityContext.requireTenant();
        List<DocumentRecord> matching = documents.findByFilename(tenant, filename);
        if (matching.isEmpty()) {
            throw ApiException.notFound("Document not found", "No document named " + filename);
        }
        int removed = ingestion.delete(tenant, matching);
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("filename", filename);
        data.put("chunks_removed", removed);
        data.put("size_freed", matching.stream().mapToLong(DocumentRecord::sizeBytes).sum());
        data.put("documents_removed", matching.size());
        return Envelopes.agents(data, RequestTiming.currentElapsedSeconds(), Instant.now());
    }

    static Map<String, Object> item(DocumentRecord d) {
        Map<String, Object> item = new LinkedHashMap<>();
        item.put("id", d.id());
        item.put("filename", d.filename());
        item.put("content_type", d.contentType());
        item.put("size", d.sizeBytes());
        item.put("chunks", d.chunkCount());
        item.put("uploaded_at", d.createdAt().toString());
        item.put("status", d.status());
        item.put("progress", d.progress());
        item.put("error", d.statusReason());
        item.put("source_type", d.sourceType());
        item.put("collection", d.collection());
        item.put("category", d.category());
        item.put("tags", d.tags());
        return item;
    }
}
