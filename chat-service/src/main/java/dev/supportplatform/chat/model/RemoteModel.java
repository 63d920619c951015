package dev.supportplatform.chat.model;

import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.StreamingChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.chat.response.PartialResponse;
import dev.langchain4j.model.chat.response.PartialResponseContext;
import dev.langchain4j.model.chat.response.StreamingChatResponseHandler;
import dev.langchain4j.model.output.TokenUsage;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A remote chat model (OpenAI-compatible or Ollama) behind LangChain4j, told to answer only from the passages. */
public class RemoteModel implements ModelProvider {

    private static final Pattern CITATION = Pattern.compile("\\[(\\d{1,2})]");

    private final String name;
    private final ChatModel chat;
    private final StreamingChatModel streaming;
    private final PriceTable prices;
    private final long timeoutMillis;

    public RemoteModel(String name, ChatModel chat, StreamingChatModel streaming, PriceTable prices, long timeoutMillis) {
        this.name = name;
        this.chat = chat;
        this.streaming = streaming;
        this.prices = prices;
        this.timeoutMillis = timeoutMillis;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public Generation generate(GenerationRequest request) {
        if (ToolRounds.offered(request)) {
            return toGeneration(request, ToolRounds.run(messages(request), request.tools(), chat::chat));
        }
        ChatResponse response = chat.chat(messages(request));
        return toGeneration(request, response);
    }

    @Override
    public Generation stream(GenerationRequest request, Consumer<String> onToken) {
        if (ToolRounds.offered(request)) {
            return toGeneration(request, ToolRounds.run(messages(request), request.tools(), r -> streamOnce(r, onToken)));
        }
        return toGeneration(request, streamOnce(ChatRequest.builder().messages(messages(request)).build(), onToken));
    }

    private ChatResponse streamOnce(ChatRequest chatRequest, Consumer<String> onToken) {
        CompletableFuture<ChatResponse> done = new CompletableFuture<>();
        streaming.chat(chatRequest, new StreamingChatResponseHandler() {
            /** Only for a provider that does not hand out a streaming handle: the stream cannot be cancelled, only left. */
            @Override
            public void onPartialResponse(String partial) {
                if (done.isDone()) {
                    return;
                }
                try {
                    onToken.accept(partial);
                } catch (GenerationCancelledException e) {
                    done.completeExceptionally(e);
                }
            }

            @Override
            public void onPartialResponse(PartialResponse partial, PartialResponseContext context) {
                if (done.isDone()) {
                    return;
                }
                try {
                    onToken.accept(partial.text());
                } catch (GenerationCancelledException e) {
                    // stop reading the provider's stream: no more tokens are generated (or paid for) for nobody
                    context.streamingHandle().cancel();
                    done.completeExceptionally(e);
                }
            }

            @Override
            public void onCompleteResponse(ChatResponse response) {
                done.complete(response);
            }

            @Override
            public void onError(Throwable error) {
                done.completeExceptionally(error);
            }
        });
        try {
            return done.get(timeoutMillis, TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof GenerationCancelledException cancelled) {
                throw cancelled;
            }
            throw new IllegalStateException("model " + name + " failed: " + e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException("model " + name + " timed out", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private Generation toGeneration(GenerationRequest request, ChatResponse response) {
        String text = response.aiMessage().text();
        if (text == null || text.isBlank()) {
            throw new IllegalStateException("model " + name + " returned an empty answer");
        }
        TokenUsage usage = response.tokenUsage();
        int in = usage != null && usage.inputTokenCount() != null ? usage.inputTokenCount() : Tokens.estimate(request.question());
        int out = usage != null && usage.outputTokenCount() != null ? usage.outputTokenCount() : Tokens.estimate(text);
        List<Integer> cited = new ArrayList<>();
        Matcher m = CITATION.matcher(text);
        while (m.find()) {
            int n = Integer.parseInt(m.group(1));
            if (n >= 1 && n <= request.passages().size() && !cited.contains(n)) {
                cited.add(n);
            }
        }
        return new Generation(text, name, in, out, prices.cost(name, in, out), cited, !cited.isEmpty(), List.of());
    }

    static List<ChatMessage> messages(GenerationRequest request) {
        StringBuilder system = new StringBuilder();
        system.append(request.instructions() == null ? "You are a helpful customer-support assistant." : request.instructions());
        system.append("\nAnswer only from the numbered knowledge-base passages below and cite them as [n]. ")
                .append("If they do not contain the answer, say plainly that the knowledge base has no answer; never invent facts.\n");
        if (request.tools() != null && !request.tools().specifications().isEmpty()) {
            system.append("You may call the tools offered to look up more knowledge, the customer's account or to open a ticket; ")
                    .append("report what they return faithfully.\n");
        }
        for (int i = 0; i < request.passages().size(); i++) {
            Passage p = request.passages().get(i);
            system.append("\n[").append(i + 1).append("] (").append(p.source()).append(") ").append(p.content());
        }
        List<ChatMessage> messages = new ArrayList<>();
        messages.add(SystemMessage.from(system.toString()));
        for (GenerationRequest.HistoryLine line : request.history()) {
            messages.add("user".equals(line.role()) ? UserMessage.from(line.content()) : AiMessage.from(line.content()));
        }
        messages.add(UserMessage.from(request.question()));
        return messages;
    }
}
