package dev.supportplatform.chat.realtime;

import dev.supportplatform.chat.model.GenerationCancelledException;
import dev.supportplatform.chat.turn.Cancellation;
import dev.supportplatform.chat.turn.TurnResult;
import dev.supportplatform.chat.unified.UnifiedChatService;
import org.springframework.stereotype.Service;

/**
 * A turn streamed to a live client (SSE or WebSocket), free of either transport: statuses, the transcript, tool
 * events and the answer's tokens go to the observer as they happen. The tokens always add up to the final text: what
 * the turn adds after generation (an escalation notice) and answers that were not generated token by token (a cached
 * answer, the notice that a human agent is handling the conversation) are sent as tokens too.
 */
@Service
public class AnswerStreams {

    private final UnifiedChatService unified;

    public AnswerStreams(UnifiedChatService unified) {
        this.unified = unified;
    }

    /**
     * @param input the turn to run; its tool listener and streaming hooks are replaced by the observer's
     * @throws dev.supportplatform.common.service.web.ApiException as the non-streaming endpoints would refuse it
     */
    public UnifiedChatService.Reply answer(UnifiedChatService.Input input, AnswerObserver observer, Cancellation cancellation) {
        StringBuilder sent = new StringBuilder();
        boolean speech = input.audioB64() != null;
        UnifiedChatService.Streaming streaming = new UnifiedChatService.Streaming(transcript -> {
            observer.transcript(transcript);
            observer.status("thinking", "Thinking...");
        }, token -> {
            sent.append(token);
            observer.token(token);
        }, cancellation);
        observer.status(speech ? "transcribing" : "thinking", speech ? "Transcribing..." : "Thinking...");
        UnifiedChatService.Reply reply = unified.handle(new UnifiedChatService.Input(input.text(), input.textField(), input.audioB64(),
                input.sampleRate(), input.sessionId(), input.language(), input.enableTools(), input.expectAudio(), observer::tool,
                streaming));
        TurnResult turn = reply.turn();
        String text = turn.response();
        if (!turn.interrupted() && text != null && text.length() > sent.length() && text.startsWith(sent.toString())) {
            try {
                if (sent.isEmpty()) {
                    for (String word : text.split("(?<=\\s)")) {
                        observer.token(word);
                    }
                } else {
                    observer.token(text.substring(sent.length()));
                }
            } catch (GenerationCancelledException e) {
                // the whole answer is stored already; the client left while its end was being sent
            }
        }
        return reply;
    }
}
