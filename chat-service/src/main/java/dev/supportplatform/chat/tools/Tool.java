package dev.supportplatform.chat.tools;

import dev.langchain4j.agent.tool.ToolSpecification;

import java.util.Map;

/** Something the assistant can call: its LangChain4j specification (name, description, JSON-schema parameters) and the call. */
public interface Tool {

    ToolSpecification specification();

    default String name() {
        return specification().name();
    }

    /**
     * @param args    the arguments the model gave, parsed from JSON
     * @param context the conversation the call is made for
     * @return the result as text for the model
     * @throws ToolFailedException (or any runtime exception) when the call fails
     */
    String execute(Map<String, Object> args, ToolContext context);
}
