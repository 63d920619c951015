package dev.supportplatform.chat.model;

import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.agent.tool.ToolSpecification;

import java.util.List;

/** The tools a model may call during one answer (implemented by the tools package's per-turn session). */
public interface ToolCalling {

    List<ToolSpecification> specifications();

    /** Runs one call the model asked for; a failure comes back as text the model can read, never as an exception. */
    String execute(ToolExecutionRequest request);
}
