package dev.supportplatform.chat.tools;

import dev.langchain4j.web.search.tavily.TavilyWebSearchEngine;
import dev.supportplatform.chat.clients.CrmClient;
import dev.supportplatform.chat.clients.EscalationClient;
import dev.supportplatform.chat.clients.KnowledgeClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.stereotype.Component;
import org.springframework.util.StringUtils;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Every tool the assistant may call: the built-in ones ({@code semantic_search}, {@code crm_lookup},
 * {@code create_ticket}), {@code web_search} when a search provider is configured, and the tools of the configured
 * MCP servers (a server's tool whose name is already taken is left out). {@link #open} starts a turn's session.
 */
@Component
@EnableConfigurationProperties(ToolsProperties.class)
public class ToolBox {

    private static final Logger log = LoggerFactory.getLogger(ToolBox.class);

    private final List<Tool> builtIn;
    private final McpServers mcp;
    private final ToolEventPublisher publisher;

    ToolBox(KnowledgeClient knowledge, CrmClient crm, EscalationClient escalation, McpServers mcp, ToolEventPublisher publisher,
            ToolsProperties properties, @Value("${platform.retrieval.top-k:5}") int topK) {
        this.mcp = mcp;
        this.publisher = publisher;
        List<Tool> tools = new ArrayList<>(List.of(new SemanticSearchTool(knowledge, topK), new CrmLookupTool(crm),
                new CreateTicketTool(escalation)));
        webSearch(properties.webSearch()).ifPresent(tools::add);
        this.builtIn = List.copyOf(tools);
    }

    /** A session for one turn with every available tool; {@code listener} hears each call as it happens (may be null). */
    public ToolSession open(ToolListener listener) {
        return new ToolSession(available(), listener, publisher);
    }

    public List<String> names() {
        return available().stream().map(Tool::name).toList();
    }

    private List<Tool> available() {
        List<Tool> tools = new ArrayList<>(builtIn);
        Set<String> taken = new HashSet<>(tools.stream().map(Tool::name).toList());
        for (McpTool tool : mcp.tools()) {
            if (taken.add(tool.name())) {
                tools.add(tool);
            } else {
                log.debug("MCP server {} offers {} which another tool already has; left out", tool.server(), tool.name());
            }
        }
        return tools;
    }

    private static java.util.Optional<Tool> webSearch(ToolsProperties.WebSearch settings) {
        String provider = settings.provider() == null ? "" : settings.provider().strip().toLowerCase(Locale.ROOT);
        if (provider.isEmpty()) {
            return java.util.Optional.empty();
        }
        if (!provider.equals("tavily")) {
            throw new IllegalStateException("platform.tools.web-search.provider must be tavily or empty, not " + settings.provider());
        }
        if (!StringUtils.hasText(settings.apiKey())) {
            throw new IllegalStateException("platform.tools.web-search.api-key (WEB_SEARCH_API_KEY) is required for web search");
        }
        TavilyWebSearchEngine.TavilyWebSearchEngineBuilder engine = TavilyWebSearchEngine.builder().apiKey(settings.apiKey())
                .timeout(settings.timeout());
        if (StringUtils.hasText(settings.baseUrl())) {
            engine.baseUrl(settings.baseUrl());
        }
        return java.util.Optional.of(new WebSearchTool(engine.build(), settings.maxResults()));
    }
}
