package dev.supportplatform.chat.model;

import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.ToolExecutionResultMessage;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.output.TokenUsage;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * LangChain4j tool calling for one answer: offer the tools, run the calls the model asks for, hand their results
 * back, and repeat until the model answers in text. The last round offers no tools, so a model that keeps asking
 * for tools still has to answer.
 */
final class ToolRounds {

    static final int MAX_ROUNDS = 4;

    private ToolRounds() {
    }

    static boolean offered(GenerationRequest request) {
        return request.tools() != null && !request.tools().specifications().isEmpty();
    }

    /** @return the model's final response, with the token usage of every round added up */
    static ChatResponse run(List<ChatMessage> prompt, ToolCalling tools, Function<ChatRequest, ChatResponse> model) {
        List<ChatMessage> messages = new ArrayList<>(prompt);
        TokenUsage usage = null;
        for (int round = 1; ; round++) {
            ChatRequest.Builder request = ChatRequest.builder().messages(messages);
            if (round < MAX_ROUNDS) {
                request.toolSpecifications(tools.specifications());
            }
            ChatResponse response = model.apply(request.build());
            usage = usage == null ? response.tokenUsage() : usage.add(response.tokenUsage());
            AiMessage ai = response.aiMessage();
            if (!ai.hasToolExecutionRequests() || round >= MAX_ROUNDS) {
                return ChatResponse.builder().aiMessage(ai).tokenUsage(usage).modelName(response.modelName())
                        .finishReason(response.finishReason()).build();
            }
            messages.add(ai);
            for (ToolExecutionRequest call : ai.toolExecutionRequests()) {
                messages.add(ToolExecutionResultMessage.from(call, tools.execute(call)));
            }
        }
    }
}
