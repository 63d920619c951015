package dev.supportplatform.chat.model;

import java.util.function.Consumer;

/** One model that can answer: the built-in local one or a remote one through LangChain4j. */
public interface ModelProvider {

    String name();

    Generation generate(GenerationRequest request);

    /** Emits the answer piece by piece as it is produced, then returns the whole of it. */
    Generation stream(GenerationRequest request, Consumer<String> onToken);
}
