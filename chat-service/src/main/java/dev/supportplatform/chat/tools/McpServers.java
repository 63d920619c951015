package dev.supportplatform.chat.tools;

import dev.langchain4j.agent.tool.ToolSpecification;
import dev.langchain4j.mcp.client.DefaultMcpClient;
import dev.langchain4j.mcp.client.McpClient;
import dev.langchain4j.mcp.client.transport.McpTransport;
import dev.langchain4j.mcp.client.transport.http.StreamableHttpMcpTransport;
import dev.langchain4j.mcp.client.transport.stdio.StdioMcpTransport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;
import org.springframework.util.StringUtils;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The configured MCP servers and the tools they offer. Each server is connected once (a stdio server is a child
 * process kept running) and its tool list read; a server that fails to start or answer is logged and tried again
 * at most once per retry interval, so a broken server costs its tools, never the service or a turn.
 */
@Component
class McpServers implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(McpServers.class);

    private final ToolsProperties.Mcp settings;
    private final Clock clock;
    private final Map<String, Connected> connected = new ConcurrentHashMap<>();
    private final Map<String, Instant> failedAt = new ConcurrentHashMap<>();

    private record Connected(McpClient client, List<McpTool> tools) {
    }

    McpServers(ToolsProperties properties, Clock clock) {
        this.settings = properties.mcp();
        this.clock = clock;
        settings.servers().forEach(this::connect);
    }

    /** The tools of every server that is connected, trying again the ones whose retry interval has passed. */
    List<McpTool> tools() {
        for (ToolsProperties.Server server : settings.servers()) {
            Instant failed = failedAt.get(name(server));
            if (failed != null && failed.plus(settings.retryInterval()).isBefore(clock.instant())) {
                connect(server);
            }
        }
        List<McpTool> tools = new ArrayList<>();
        connected.values().forEach(c -> tools.addAll(c.tools()));
        return tools;
    }

    private synchronized void connect(ToolsProperties.Server server) {
        String name = name(server);
        if (connected.containsKey(name)) {
            return;
        }
        McpClient client = null;
        try {
            client = new DefaultMcpClient.Builder().key(name).clientName("support-platform-chat")
                    .transport(transport(server)).initializationTimeout(settings.startupTimeout())
                    .toolExecutionTimeout(settings.toolTimeout()).build();
            List<McpTool> tools = new ArrayList<>();
            for (ToolSpecification spec : client.listTools()) {
                tools.add(new McpTool(name, client, spec));
            }
            connected.put(name, new Connected(client, List.copyOf(tools)));
            failedAt.remove(name);
            log.info("MCP server {} connected with {} tools: {}", name, tools.size(), tools.stream().map(McpTool::name).toList());
        } catch (RuntimeException e) {
            failedAt.put(name, clock.instant());
            log.warn("MCP server {} is unavailable ({}: {}); its tools are not offered", name, e.getClass().getSimpleName(), e.getMessage());
            close(name, client);
        }
    }

    private static McpTransport transport(ToolsProperties.Server server) {
        if (server.command() != null && !server.command().isEmpty()) {
            return new StdioMcpTransport.Builder().command(server.command())
                    .environment(server.env() == null ? Map.of() : server.env()).logEvents(false).build();
        }
        if (StringUtils.hasText(server.url())) {
            return new StreamableHttpMcpTransport.Builder().url(server.url())
                    .customHeaders(server.headers() == null ? Map.of() : server.headers()).build();
        }
        throw new IllegalStateException("MCP server " + name(server) + " needs a command or a url");
    }

    private static String name(ToolsProperties.Server server) {
        if (StringUtils.hasText(server.name())) {
            return server.name();
        }
        return server.url() != null ? server.url() : String.valueOf(server.command());
    }

    @Override
    public void destroy() {
        connected.forEach((name, c) -> close(name, c.client()));
        connected.clear();
    }

    private static void close(String name, McpClient client) {
        if (client == null) {
            return;
        }
        try {
            client.close();
        } catch (Exception e) {
            log.debug("Closing MCP server {} failed: {}", name, e.getMessage());
        }
    }
}
