package dev.supportplatform.chat.tools;

import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.agent.tool.ToolSpecification;
import dev.langchain4j.exception.ToolExecutionException;
import dev.langchain4j.mcp.client.McpClient;
import dev.langchain4j.service.tool.ToolExecutionResult;
import tools.jackson.databind.json.JsonMapper;

import java.util.Map;

/** A tool that an MCP server offers, called through LangChain4j's MCP client. */
class McpTool implements Tool {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final String server;
    private final McpClient client;
    private final ToolSpecification specification;

    McpTool(String server, McpClient client, ToolSpecification specification) {
        this.server = server;
        this.client = client;
        this.specification = specification;
    }

    @Override
    public ToolSpecification specification() {
        return specification;
    }

    String server() {
        return server;
    }

    @Override
    public String execute(Map<String, Object> args, ToolContext context) {
        ToolExecutionResult result;
        try {
            result = client.executeTool(ToolExecutionRequest.builder().name(specification.name())
                    .arguments(JSON.writeValueAsString(args)).build());
        } catch (ToolExecutionException e) {
            // LangChain4j reports a result the server flagged isError this way; its message is the server's text.
            throw new ToolFailedException("mcp_tool_error", "MCP server " + server + ": " + ToolEvent.preview(e.getMessage()));
        }
        String text = result.resultText() == null ? "" : result.resultText();
        if (result.isError()) {
            throw new ToolFailedException("mcp_tool_error", "MCP server " + server + ": " + ToolEvent.preview(text));
        }
        return text;
    }
}
