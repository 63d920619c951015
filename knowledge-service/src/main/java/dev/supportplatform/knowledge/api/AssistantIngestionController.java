package dev.supportplatform.knowledge.api;

import dev.supportplatform.common.service.identity.IdentityContext;
import dev.supportplatform.common.service.web.ApiException;
import dev.supportplatform.knowledge.document.DocumentRecord;
import dev.supportplatform.knowledge.document.DocumentStore;
import dev.supportplatform.knowledge.ingestion.DocumentKind;
import dev.supportplatform.knowledge.ingestion.IngestionInput;
import dev.supportplatform.knowledge.ingestion.IngestionService;
import dev.supportplatform.knowledge.ingestion.UrlFetcher;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** assistant.md's /v1/ingestion/*: flat bodies, errors as {detail, status_code}. */
@RestController
public class AssistantIngestionController {

    private final IngestionService ingestion;
    private final UrlFetcher fetcher;
    private final DocumentStore documents;

    public AssistantIngestionController(IngestionService ingestion, UrlFetcher fetcher, DocumentStore documents) {
        this.ingestion = ingestion;
        this.fetcher = fetcher;
        this.documents = documents;
    }

    @PostMapping("/v1/ingestion/upload")
    public Map<String, Object> upload(@RequestPart("file") MultipartFile file,
                                      @RequestParam(name = "collection_name", required = false) String collection) {
        var outcome = ingestion.ingest(IdentityContext.requireTenant(), Uploads.of(file, collection, null, List.of()));
        return response(outcome);
    }

    public record UrlRequest(@NotBlank String url, String collectionName) {
    }

    @PostMapping("/v1/ingestion/url")
    public Map<String, Object> url(@Valid @RequestBody UrlRequest request) {
        String tenant = IdentityContext.requireTenant();
        UrlFetcher.Fetched fetched = fetcher.fetch(request.url());
        String filename = filenameOf(fetched.finalUrl());
        var outcome = ingestion.ingest(tenant, new IngestionInput("url", filename, null, request.url(), fetched.contentType(), fetched.body(),
                null, request.collectionName(), null, List.of(), Map.of("url", request.url()), null));
        return response(outcome);
    }

    public record TextRequest(@NotBlank String text, Map<String, Object> metadata, String collectionName) {
    }

    @PostMapping("/v1/ingestion/text")
    public Map<String, Object> text(@Valid @RequestBody TextRequest request) {
        Map<String, Object> metadata = request.metadata() == null ? Map.of() : request.metadata();
        String title = metadata.get("title") instanceof String t && !t.isBlank() ? t : null;
        String source = metadata.get("source") instanceof String s && !s.isBlank() ? s : "text";
        String filename = title != null ? title : "text";
        var outcome = ingestion.ingest(IdentityContext.requireTenant(), new IngestionInput("text", filename, title, source, "text/plain",
                request.text().getBytes(StandardCharsets.UTF_8), DocumentKind.TEXT, request.collectionName(), null, List.of(), metadata,
                request.text()));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", status(outcome.document()));
        body.put("document_id", outcome.document().id());
        body.put("chunks", outcome.document().chunkCount());
        body.put("duplicate", outcome.duplicate());
        return body;
    }

    /** The state of a document ingested in the background (not in assistant.md; its status and progress). */
    @GetMapping("/v1/ingestion/documents/{documentId}")
    public Map<String, Object> status(@PathVariable String documentId) {
        DocumentRecord d = documents.find(IdentityContext.requireTenant(), documentId)
                .orElseThrow(() -> ApiException.notFound("Document not found"));
        return AgentsDocumentsController.item(d);
    }

    private static Map<String, Object> response(IngestionService.Outcome outcome) {
        DocumentRecord d = outcome.document();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", status(d));
        body.put("document_id", d.id());
        body.put("filename", d.filename());
        body.put("pages", d.pages());
        body.put("chunks", d.chunkCount());
        body.put("processing_time_ms", outcome.processingMillis());
        body.put("duplicate", outcome.duplicate());
        return body;
    }

    /** "success" once searchable; "processing" while a large file is still being embedded in the background. */
    private static String status(DocumentRecord d) {
        return DocumentRecord.PROCESSED.equals(d.status()) ? "success" : d.status();
    }

    private static String filenameOf(URI uri) {
        String path = uri.getPath() == null ? "" : uri.getPath();
        String last = path.substring(path.lastIndexOf('/') + 1);
        return last.isBlank() ? uri.getHost() : last;
    }
}
