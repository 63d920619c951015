package dev.supportplatform.chat.tools;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Tool settings ({@code platform.tools.*}, documented in docs/configuration.md).
 *
 * @param webSearch the search provider behind {@code web_search}; without one the tool is not offered
 * @param mcp       MCP servers whose tools the assistant may call
 */
@ConfigurationProperties("platform.tools")
public record ToolsProperties(@DefaultValue WebSearch webSearch, @DefaultValue Mcp mcp) {

    /**
     * @param provider {@code tavily}, or empty for no web search
     * @param baseUrl  the provider's API URL, when not its public default (a proxy, a test double)
     */
    public record WebSearch(String provider, String apiKey, String baseUrl, @DefaultValue("5") int maxResults,
                            @DefaultValue("10s") Duration timeout) {
    }

    /**
     * @param servers          the servers to connect to at startup
     * @param startupTimeout   how long a server may take to start and answer {@code initialize}
     * @param toolTimeout      how long one tool call may take
     * @param retryInterval    how often a server that failed is tried again
     */
    public record Mcp(@DefaultValue List<Server> servers, @DefaultValue("20s") Duration startupTimeout,
                      @DefaultValue("30s") Duration toolTimeout, @DefaultValue("60s") Duration retryInterval) {
    }

    /**
     * One MCP server: either a local process speaking JSON-RPC on stdio ({@code command}) or a Streamable HTTP
     * endpoint ({@code url}).
     *
     * @param name    used in logs and to tell servers apart
     * @param command program and arguments, e.g. {@code python3,/opt/mcp/orders.py}
     * @param env     extra environment variables for the process
     * @param url     the server's MCP endpoint, e.g. {@code http://localhost:9000/mcp}
     * @param headers extra HTTP headers (e.g. Authorization) for a URL server
     */
    public record Server(String name, List<String> command, Map<String, String> env, String url, Map<String, String> headers) {
    }
}
