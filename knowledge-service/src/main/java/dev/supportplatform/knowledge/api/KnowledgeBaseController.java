package dev.supportplatform.knowledge.api;

import dev.supportplatform.common.service.identity.IdentityContext;
import dev.supportplatform.common.service.web.ApiException;
import dev.supportplatform.knowledge.document.DocumentFilter;
import dev.supportplatform.knowledge.document.DocumentRecord;
import dev.supportplatform.knowledge.document.DocumentStore;
import dev.supportplatform.knowledge.embedding.Embedder;
import dev.supportplatform.knowledge.ingestion.DocumentKind;
import dev.supportplatform.knowledge.ingestion.IngestionInput;
import dev.supportplatform.knowledge.ingestion.IngestionService;
import dev.supportplatform.knowledge.search.SearchService;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** platform.md's knowledge base (articles) and the search API chat-service calls (POST /api/v1/knowledge-base/search). */
@RestController
public class KnowledgeBaseController {

    private final IngestionService ingestion;
    private final DocumentStore documents;
    private final SearchService search;
    private final Embedder embedder;

    public KnowledgeBaseController(IngestionService ingestion, DocumentStore documents, SearchService search, Embedder embedder) {
        this.embedder = embedder;
        this.ingestion = ingestion;
        this.documents = documents;
        this.search = search;
    }

    public record ArticleRequest(@NotBlank @Size(max = 500) String title, @NotBlank String content, String category, List<String> tags,
                                 Map<String, Object> metadata, String collection) {
    }

    @PostMapping("/api/v1/knowledge-base")
    public ResponseEntity<Map<String, Object>> create(@Valid @RequestBody ArticleRequest request) {
        String text = IngestionService.articleText(request.title(), request.content());
        var outcome = ingestion.ingest(IdentityContext.requireTenant(), new IngestionInput("article", request.title(), request.title(),
                request.title(), "text/plain", text.getBytes(StandardCharsets.UTF_8), DocumentKind.TEXT, request.collection(),
                request.category(), request.tags(), request.metadata(), request.content()));
        DocumentRecord d = outcome.document();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("article_id", d.id());
        body.put("status", DocumentRecord.PROCESSED.equals(d.status()) ? "published" : d.status());
        body.put("indexed", DocumentRecord.PROCESSED.equals(d.status()));
        body.put("created_at", d.createdAt().toString());
        body.put("duplicate", outcome.duplicate());
        return ResponseEntity.status(outcome.duplicate() ? HttpStatus.OK : HttpStatus.CREATED).body(body);
    }

    @GetMapping("/api/v1/knowledge-base")
    public Map<String, Object> list(@RequestParam(defaultValue = "1") int page, @RequestParam(name = "per_page", defaultValue = "20") int perPage,
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
        List<Map<String, Object>> articles = documents.page(tenant, "article", filter, (page - 1) * perPage, perPage).stream()
                .map(d -> article(d, null)).toList();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("articles", articles);
        body.put("total", documents.count(tenant, "article", filter));
        body.put("page", page);
        body.put("per_page", perPage);
        return body;
    }

    @GetMapping("/api/v1/knowledge-base/{articleId}")
    public Map<String, Object> get(@PathVariable String articleId) {
        String tenant = IdentityContext.requireTenant();
        DocumentRecord d = requireArticle(tenant, articleId);
        return article(d, documents.body(tenant, articleId).orElse(null));
    }

    public record ArticleUpdate(@Size(max = 500) String title, String content, String category, List<String> tags, Map<String, Object> metadata) {
    }

    /** Fields left out keep their value; the chunks are replaced atomically when anything searchable changes. */
    @PutMapping("/api/v1/knowledge-base/{articleId}")
    public Map<String, Object> update(@PathVariable String articleId, @Valid @RequestBody ArticleUpdate request) {
        String tenant = IdentityContext.requireTenant();
        DocumentRecord d = requireArticle(tenant, articleId);
        String title = request.title() != null ? request.title() : d.title();
        String content = request.content() != null ? request.content() : documents.body(tenant, articleId).orElse("");
        if (title == null || title.isBlank()) {
            throw ApiException.invalid("title", "title must not be blank");
        }
        if (content.isBlank()) {
            throw ApiException.invalid("content", "content must not be blank");
        }
        DocumentRecord updated = ingestion.updateArticle(tenant, d, title, content,
                request.category() != null ? request.category() : d.category(),
                request.tags() != null ? request.tags() : d.tags(),
                request.metadata() != null ? request.metadata() : d.metadata());
        return article(updated, content);
    }

    @DeleteMapping("/api/v1/knowledge-base/{articleId}")
    public Map<String, Object> delete(@PathVariable String articleId) {
        String tenant = IdentityContext.requireTenant();
        DocumentRecord d = requireArticle(tenant, articleId);
        int removed = ingestion.delete(tenant, List.of(d));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("article_id", articleId);
        body.put("deleted", true);
        body.put("chunks_removed", removed);
        return body;
    }

    public record SearchFilters(String collection, String category, List<String> tags, String documentId) {
    }

    /** The query's embedding as the caller computed it, and the model that computed it. */
    public record QueryVector(String model, float[] values) {
    }

    public record SearchRequest(@NotBlank @Size(max = 2000) String query, @Min(1) @Max(50) Integer topK, SearchFilters filters,
                                QueryVector queryVector) {
    }

    @PostMapping("/api/v1/knowledge-base/search")
    public Map<String, Object> search(@Valid @RequestBody SearchRequest request) {
        SearchFilters f = request.filters() == null ? new SearchFilters(null, null, List.of(), null) : request.filters();
        SearchService.Result result = search.search(IdentityContext.requireTenant(), new SearchService.Query(request.query(),
                request.topK() == null ? 5 : request.topK(), new DocumentFilter(f.collection(), f.category(), f.tags(), f.documentId())),
                usableVector(request.queryVector()));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("results", result.results());
        body.put("took_ms", result.tookMs());
        return body;
    }

    /**
     * A caller's query vector saves embedding the query again, but only one from this service's own model is
     * comparable with the stored vectors: any other is ignored, and the query embedded here.
     */
    private float[] usableVector(QueryVector given) {
        if (given == null || !embedder.modelId().equals(given.model())) {
            return null;
        }
        float[] values = given.values();
        if (values == null || values.length != embedder.dimension()) {
            throw ApiException.invalid("query_vector", "query_vector.values must hold " + embedder.dimension() + " numbers for model " + given.model());
        }
        for (float v : values) {
            if (!Float.isFinite(v)) {
                throw ApiException.invalid("query_vector", "query_vector.values must be finite numbers");
            }
        }
        return values;
    }

    private DocumentRecord requireArticle(String tenant, String articleId) {
        return documents.find(tenant, articleId).filter(d -> "article".equals(d.sourceType()))
                .orElseThrow(() -> ApiException.notFound("Article not found", "No article " + articleId));
    }

    private static Map<String, Object> article(DocumentRecord d, String content) {
        Map<String, Object> a = new LinkedHashMap<>();
        a.put("article_id", d.id());
        a.put("title", d.title());
        if (content != null) {
            a.put("content", content);
        }
        a.put("category", d.category());
        a.put("tags", d.tags());
        a.put("collection", d.collection());
        a.put("metadata", d.metadata());
        a.put("status", DocumentRecord.PROCESSED.equals(d.status()) ? "published" : d.status());
        a.put("indexed", DocumentRecord.PROCESSED.equals(d.status()));
        a.put("chunks", d.chunkCount());
        a.put("created_at", d.createdAt().toString());
        a.put("updated_at", d.updatedAt().toString());
        return a;
    }
}
