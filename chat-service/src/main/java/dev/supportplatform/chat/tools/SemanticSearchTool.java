package dev.supportplatform.chat.tools;

import dev.langchain4j.agent.tool.ToolSpecification;
import dev.langchain4j.model.chat.request.json.JsonObjectSchema;
import dev.supportplatform.chat.clients.KnowledgeClient;
import dev.supportplatform.chat.model.Passage;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** {@code semantic_search}: hybrid search of the tenant's knowledge base (knowledge-service). */
public class SemanticSearchTool implements Tool {

    public static final String NAME = "semantic_search";
    private static final int MAX_TOP_K = 10;

    private final KnowledgeClient knowledge;
    private final int defaultTopK;

    public SemanticSearchTool(KnowledgeClient knowledge, int defaultTopK) {
        this.knowledge = knowledge;
        this.defaultTopK = defaultTopK;
    }

    @Override
    public ToolSpecification specification() {
        return ToolSpecification.builder().name(NAME)
                .description("Searches the company's knowledge base (help articles, policies, uploaded documents) and returns the best passages.")
                .parameters(JsonObjectSchema.builder()
                        .addStringProperty("query", "What to look for, in the customer's words or as keywords")
                        .addIntegerProperty("top_k", "How many passages to return (1-" + MAX_TOP_K + ")")
                        .required("query").build())
                .build();
    }

    @Override
    public String execute(Map<String, Object> args, ToolContext context) {
        Object query = args.get("query");
        if (!(query instanceof String q) || q.isBlank()) {
            throw new ToolFailedException("invalid_arguments", "query is required");
        }
        int topK = args.get("top_k") instanceof Number n ? Math.clamp(n.intValue(), 1, MAX_TOP_K) : defaultTopK;
        KnowledgeClient.SearchResponse response = knowledge.search(new KnowledgeClient.SearchRequest(q, topK, KnowledgeClient.Filters.none()));
        List<KnowledgeClient.Result> results = response == null || response.results() == null ? List.of() : response.results();
        if (results.isEmpty()) {
            return "No passages found.";
        }
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < results.size(); i++) {
            KnowledgeClient.Result r = results.get(i);
            out.append(i + 1).append(". (").append(r.source() != null ? r.source() : r.title()).append(", score ")
                    .append(String.format(java.util.Locale.ROOT, "%.2f", r.score())).append(") ").append(r.content()).append('\n');
        }
        return out.toString().strip();
    }

    /** The arguments the pipeline's own knowledge search is reported with. */
    public static Map<String, Object> args(String query, int topK) {
        Map<String, Object> args = new LinkedHashMap<>();
        args.put("query", query);
        args.put("top_k", topK);
        return args;
    }

    /** Preview of the pipeline's search result: how many passages, from where. */
    public static String preview(List<Passage> passages) {
        if (passages.isEmpty()) {
            return "No passages found.";
        }
        return passages.size() + " passage" + (passages.size() == 1 ? "" : "s") + ": " + passages.stream()
                .map(p -> p.source() + String.format(java.util.Locale.ROOT, " (%.2f)", p.score())).collect(Collectors.joining(", "));
    }
}
