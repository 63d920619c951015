package dev.supportplatform.chat.realtime;

import dev.supportplatform.chat.speech.SpeechToText;
import dev.supportplatform.chat.tools.ToolEvent;

/**
 * Hears a streamed answer as it is produced, in this order: a status, for speech the transcript (then a status),
 * tool events and tokens as they happen. A token consumer that can no longer deliver (the client is gone) throws
 * {@link dev.supportplatform.chat.model.GenerationCancelledException} to stop the answer.
 */
public interface AnswerObserver {

    /** @param stage {@code transcribing} or {@code thinking} */
    void status(String stage, String text);

    void transcript(SpeechToText.Transcript transcript);

    void token(String text);

    void tool(ToolEvent event);
}
