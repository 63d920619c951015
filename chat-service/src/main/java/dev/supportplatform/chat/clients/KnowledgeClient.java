package dev.supportplatform.chat.clients;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.springframework.cloud.openfeign.FeignClient;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;

import java.util.List;
import java.util.Map;

/** knowledge-service's hybrid search (interfaces.md). */
@FeignClient(name = "knowledge", url = "${platform.services.knowledge-url:http://localhost:8083}")
public interface KnowledgeClient {

    @PostMapping("/api/v1/knowledge-base/search")
    SearchResponse search(@RequestBody SearchRequest request);

    /**
     * @param queryVector the query's embedding when this service has it from the knowledge service's model (it
     *                    embeds every message to score it): spares that service embedding the query again; or null
     */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    record SearchRequest(String query, int topK, Filters filters, QueryVector queryVector) {

        public SearchRequest(String query, int topK, Filters filters) {
            this(query, topK, filters, null);
        }
    }

    /** An embedding and the model that computed it (knowledge-service ignores a vector of another model). */
    record QueryVector(String model, float[] values) {
    }

    record Filters(String collection, String category, List<String> tags, String documentId) {
        public static Filters none() {
            return new Filters(null, null, List.of(), null);
        }
    }

    record SearchResponse(List<Result> results, Long tookMs) {
    }

    record Result(String chunkId, String documentId, String source, String title, String content, double score,
                  List<String> highlights, Map<String, Object> metadata) {
    }
}
