package dev.supportplatform.chat.api.assistant;

import dev.supportplatform.chat.model.GenerationCancelledException;
import dev.supportplatform.chat.realtime.AnswerObserver;
import dev.supportplatform.chat.realtime.AnswerStreams;
import dev.supportplatform.chat.speech.SpeechToText;
import dev.supportplatform.chat.tools.ToolEvent;
import dev.supportplatform.chat.turn.Cancellation;
import dev.supportplatform.chat.unified.UnifiedChatService;
import dev.supportplatform.common.dialect.ApiError;
import dev.supportplatform.common.dialect.ErrorKind;
import dev.supportplatform.common.identity.Identity;
import dev.supportplatform.common.service.identity.IdentityContext;
import dev.supportplatform.common.service.web.ApiException;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.ResponseBodyEmitter;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * assistant.md: {@code POST /v1/chat/stream}. The request is checked first (a bad one gets the /v1 error body and
 * status, like the other chat endpoints); then every line is {@code data: {"event": ..., "data": ...}} followed by a
 * blank line, flushed as it is written: a {@code token} per piece of the answer, a {@code tool} per tool event, and
 * {@code done} with the final text and metadata, or {@code error}. A client that disconnects stops the answer: the
 * next token cannot be written, generation stops and the text so far is stored marked interrupted.
 */
@RestController
public class ChatStreamController {

    private static final Logger log = LoggerFactory.getLogger(ChatStreamController.class);
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final MediaType RAW = MediaType.APPLICATION_OCTET_STREAM;

    private final AnswerStreams streams;
    private final long timeoutMillis;

    public ChatStreamController(AnswerStreams streams, @Value("${platform.realtime.stream-timeout:5m}") Duration timeout) {
        this.streams = streams;
        this.timeoutMillis = timeout.toMillis();
    }

    /** {@code model} is accepted and ignored: the model is chosen by the service's routing (see the README). */
    public record StreamRequest(@Size(max = 100) List<AssistantReplies.ChatMessageBody> messages, @Size(max = 200) String sessionId,
                                Boolean enableTools, String model, @Pattern(regexp = AssistantReplies.LANGUAGE) String assistantLanguage) {
    }

    @PostMapping("/v1/chat/stream")
    public ResponseEntity<ResponseBodyEmitter> stream(@Valid @RequestBody StreamRequest body) {
        String text = AssistantReplies.lastUserMessage(body.messages());
        if (text == null) {
            throw new ApiException(ApiError.validation(List.of(new ApiError.FieldViolation("messages",
                    "A user message with content is required in messages", "value_error.missing"))));
        }
        AssistantReplies.checkLength("messages", text);
        Identity identity = IdentityContext.require();
        ResponseBodyEmitter emitter = new ResponseBodyEmitter(timeoutMillis);
        Cancellation cancellation = new Cancellation();
        emitter.onError(e -> cancellation.cancel());
        emitter.onTimeout(cancellation::cancel);
        UnifiedChatService.Input input = new UnifiedChatService.Input(text, "messages", null, null, body.sessionId(),
                body.assistantLanguage(), !Boolean.FALSE.equals(body.enableTools()), false, null);
        Thread.ofVirtual().name("chat-stream").start(() -> IdentityContext.runAs(identity, () -> run(input, emitter, cancellation)));
        return ResponseEntity.ok().contentType(MediaType.TEXT_EVENT_STREAM).header("Cache-Control", "no-cache")
                .header("X-Accel-Buffering", "no").body(emitter);
    }

    private void run(UnifiedChatService.Input input, ResponseBodyEmitter emitter, Cancellation cancellation) {
        Events events = new Events(emitter, cancellation);
        try {
            UnifiedChatService.Reply reply = streams.answer(input, events, cancellation);
            if (reply.turn().interrupted()) {
                emitter.complete();
                return;
            }
            Map<String, Object> metadata = AssistantReplies.metadata(reply);
            Map<String, Object> done = new LinkedHashMap<>();
            done.put("final_text", reply.turn().response());
            Map<String, Object> withModel = new LinkedHashMap<>();
            withModel.put("model", reply.turn().model());
            withModel.putAll(metadata);
            done.put("metadata", withModel);
            events.send("done", done);
            emitter.complete();
        } catch (ApiException e) {
            events.trySend("error", AssistantReplies.error(e.error()));
            emitter.complete();
        } catch (GenerationCancelledException e) {
            emitter.complete();
        } catch (RuntimeException e) {
            log.error("Streaming an answer failed", e);
            events.trySend("error", AssistantReplies.error(ApiError.of(ErrorKind.INTERNAL, "The answer could not be completed")));
            emitter.complete();
        }
    }

    /** Writes SSE lines; once the client is gone every further write stops the answer. */
    private static final class Events implements AnswerObserver {
        private final ResponseBodyEmitter emitter;
        private final Cancellation cancellation;

        Events(ResponseBodyEmitter emitter, Cancellation cancellation) {
            this.emitter = emitter;
            this.cancellation = cancellation;
        }

        /** Token and tool events come from the model's and the turn's threads; one event is written at a time. */
        synchronized void send(String event, Object data) {
            if (cancellation.isCancelled()) {
                throw new GenerationCancelledException();
            }
            Map<String, Object> envelope = new LinkedHashMap<>();
            envelope.put("event", event);
            envelope.put("data", data);
            byte[] line = ("data: " + JSON.writeValueAsString(envelope) + "\n\n").getBytes(StandardCharsets.UTF_8);
            try {
                emitter.send(line, RAW);
            } catch (IOException | IllegalStateException e) {
                cancellation.cancel();
                throw new GenerationCancelledException();
            }
        }

        void trySend(String event, Object data) {
            try {
                send(event, data);
            } catch (GenerationCancelledException e) {
                // the client is gone
            }
        }

        @Override
        public void status(String stage, String text) {
            // SSE has no status event
        }

        @Override
        public void transcript(SpeechToText.Transcript transcript) {
            // SSE takes text only
        }

        @Override
        public void token(String text) {
            send("token", Map.of("text", text));
        }

        @Override
        public void tool(ToolEvent event) {
            send("tool", AssistantReplies.toolEvent(event));
        }
    }
}
