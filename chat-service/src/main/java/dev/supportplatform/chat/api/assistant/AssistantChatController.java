package dev.supportplatform.chat.api.assistant;

import dev.supportplatform.chat.tools.ToolListener;
import dev.supportplatform.chat.turn.TurnResult;
import dev.supportplatform.chat.unified.UnifiedChatService;
import dev.supportplatform.common.dialect.ApiError;
import dev.supportplatform.common.service.web.ApiException;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * assistant.md: {@code POST /v1/chat/voice} (speech in, text and optionally speech out) and
 * {@code POST /v1/chat/unified} (text or speech in). Both answer with the contract's UnifiedChatResponse.
 */
@RestController
public class AssistantChatController {

    private static final String LANGUAGE = AssistantReplies.LANGUAGE;

    private final UnifiedChatService unified;

    public AssistantChatController(UnifiedChatService unified) {
        this.unified = unified;
    }

    public record VoiceRequest(String audioB64, Integer sampleRate, @Size(max = 200) String sessionId, Boolean enableTools,
                               Boolean expectAudio, @Pattern(regexp = LANGUAGE) String assistantLanguage) {
    }

    /** {@code model} is accepted and ignored: the model is chosen by the service's routing (see the README). */
    public record UnifiedRequest(String textInput, String audioB64, Integer sampleRate, @Size(max = 100) List<AssistantReplies.ChatMessageBody> messages,
                                 @Size(max = 200) String sessionId, @Pattern(regexp = LANGUAGE) String assistantLanguage,
                                 Boolean enableTools, String model, Boolean expectAudio) {
    }

    @PostMapping("/v1/chat/voice")
    public Map<String, Object> voice(@Valid @RequestBody VoiceRequest body) {
        if (body.audioB64() == null || body.audioB64().isBlank()) {
            throw ApiException.invalid("audio_b64", "audio_b64 is required");
        }
        return respond(unified.handle(new UnifiedChatService.Input(null, null, body.audioB64(), body.sampleRate(), body.sessionId(),
                body.assistantLanguage(), !Boolean.FALSE.equals(body.enableTools()), Boolean.TRUE.equals(body.expectAudio()),
                ToolListener.NONE)), body.assistantLanguage());
    }

    @PostMapping("/v1/chat/unified")
    public Map<String, Object> unified(@Valid @RequestBody UnifiedRequest body) {
        boolean hasText = body.textInput() != null && !body.textInput().isBlank();
        boolean hasAudio = body.audioB64() != null && !body.audioB64().isBlank();
        if (hasText && hasAudio) {
            throw ApiException.invalid("audio_b64", "Give either text_input or audio_b64, not both");
        }
        String text = hasText ? body.textInput() : null;
        String field = "text_input";
        if (!hasText && !hasAudio) {
            text = AssistantReplies.lastUserMessage(body.messages());
            field = "messages";
            if (text == null) {
                throw new ApiException(ApiError.validation(List.of(
                        new ApiError.FieldViolation("text_input", "Either text_input, audio_b64 or a user message in messages is required", "value_error.missing"),
                        new ApiError.FieldViolation("audio_b64", "Either text_input, audio_b64 or a user message in messages is required", "value_error.missing"))));
            }
        }
        return respond(unified.handle(new UnifiedChatService.Input(text, field, hasAudio ? body.audioB64() : null, body.sampleRate(),
                body.sessionId(), body.assistantLanguage(), !Boolean.FALSE.equals(body.enableTools()),
                Boolean.TRUE.equals(body.expectAudio()), ToolListener.NONE)), body.assistantLanguage());
    }

    private static Map<String, Object> respond(UnifiedChatService.Reply reply, String assistantLanguage) {
        TurnResult r = reply.turn();
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("content", r.response());
        out.put("transcript", reply.transcript() == null ? null : reply.transcript().text());
        Map<String, Object> metadata = AssistantReplies.metadata(reply);
        out.put("metadata", metadata);
        out.put("audio_b64", reply.speech() == null ? null : Base64.getEncoder().encodeToString(reply.speech().wav()));
        out.put("audio_sample_rate", reply.speech() == null ? null : reply.speech().sampleRate());
        out.put("stt_confidence", reply.transcript() == null ? null : reply.transcript().confidence());
        out.put("stt_language", reply.transcript() == null ? null : reply.transcript().language());
        out.put("tool_events", new ArrayList<>(reply.toolEvents()));
        out.put("assistant_language", assistantLanguage != null ? assistantLanguage
                : reply.transcript() != null ? reply.transcript().language() : null);
        return out;
    }
}
