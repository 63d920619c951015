package dev.supportplatform.chat.tools;

import dev.langchain4j.agent.tool.ToolSpecification;
import dev.langchain4j.model.chat.request.json.JsonObjectSchema;
import dev.langchain4j.web.search.WebSearchEngine;
import dev.langchain4j.web.search.WebSearchOrganicResult;
import dev.langchain4j.web.search.WebSearchRequest;
import dev.langchain4j.web.search.WebSearchResults;

import java.util.List;
import java.util.Map;

/** {@code web_search}: a web search through a configured LangChain4j search engine; offered only when one is configured. */
public class WebSearchTool implements Tool {

    public static final String NAME = "web_search";

    private final WebSearchEngine engine;
    private final int maxResults;

    public WebSearchTool(WebSearchEngine engine, int maxResults) {
        this.engine = engine;
        this.maxResults = maxResults;
    }

    @Override
    public ToolSpecification specification() {
        return ToolSpecification.builder().name(NAME)
                .description("Searches the public web. Use it only for facts the knowledge base cannot have (news, other companies, general knowledge).")
                .parameters(JsonObjectSchema.builder().addStringProperty("query", "The search query").required("query").build())
                .build();
    }

    @Override
    public String execute(Map<String, Object> args, ToolContext context) {
        if (!(args.get("query") instanceof String query) || query.isBlank()) {
            throw new ToolFailedException("invalid_arguments", "query is required");
        }
        WebSearchResults results = engine.search(WebSearchRequest.builder().searchTerms(query).maxResults(maxResults).build());
        List<WebSearchOrganicResult> hits = results == null || results.results() == null ? List.of() : results.results();
        if (hits.isEmpty()) {
            return "No web results.";
        }
        StringBuilder out = new StringBuilder();
        int n = 0;
        for (WebSearchOrganicResult hit : hits) {
            if (++n > maxResults) {
                break;
            }
            String text = hit.snippet() != null ? hit.snippet() : hit.content();
            out.append(n).append(". ").append(hit.title()).append(" <").append(hit.url()).append(">: ")
                    .append(text == null ? "" : text.strip()).append('\n');
        }
        return out.toString().strip();
    }
}
