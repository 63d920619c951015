package dev.supportplatform.chat.unified;

import dev.supportplatform.chat.speech.AudioClip;
import dev.supportplatform.chat.speech.InvalidAudioException;
import dev.supportplatform.chat.speech.SpeechFailedException;
import dev.supportplatform.chat.speech.SpeechProperties;
import dev.supportplatform.chat.speech.SpeechToText;
import dev.supportplatform.chat.speech.SpeechUnavailableException;
import dev.supportplatform.chat.speech.SpokenText;
import dev.supportplatform.chat.speech.TextToSpeech;
import dev.supportplatform.chat.tools.ToolBox;
import dev.supportplatform.chat.tools.ToolEvent;
import dev.supportplatform.chat.tools.ToolListener;
import dev.supportplatform.chat.tools.ToolSession;
import dev.supportplatform.chat.turn.Cancellation;
import dev.supportplatform.chat.turn.TurnRequest;
import dev.supportplatform.chat.turn.TurnResult;
import dev.supportplatform.chat.turn.TurnService;
import dev.supportplatform.common.dialect.ApiError;
import dev.supportplatform.common.dialect.ErrorKind;
import dev.supportplatform.common.service.identity.IdentityContext;
import dev.supportplatform.common.service.web.ApiException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * A turn that may start from speech and end in speech (assistant.md's voice and unified chat): decode and check the
 * audio, transcribe it, run the ordinary turn (with tools when enabled), and synthesise the answer when asked.
 * Everything that can refuse the request (bad audio, an engine that is not available) is checked before the turn
 * stores anything; a synthesis that fails after the answer was stored still returns the answer, without audio.
 */
@Service
public class UnifiedChatService {

    private static final Logger log = LoggerFactory.getLogger(UnifiedChatService.class);

    private final TurnService turns;
    private final ToolBox toolBox;
    private final SpeechToText stt;
    private final TextToSpeech tts;
    private final SpeechProperties speech;

    public UnifiedChatService(TurnService turns, ToolBox toolBox, SpeechToText stt, TextToSpeech tts, SpeechProperties speech) {
        this.turns = turns;
        this.toolBox = toolBox;
        this.stt = stt;
        this.tts = tts;
        this.speech = speech;
    }

    /**
     * @param text        the user's text, or null when they spoke
     * @param textField   the request field the text came from, for error reports
     * @param audioB64    base64 WAV or raw PCM16 mono, or null
     * @param sampleRate  rate of raw PCM (a WAV's header wins); null means 16 kHz
     * @param sessionId   the conversation to continue or create, or null for a new one
     * @param language    assistant_language: a hint for recognition and the voice of the answer
     * @param listener    hears tool events as they happen (may be null)
     * @param streaming   for streaming transports: hears the transcript and the answer's tokens, and can stop the answer
     *                    (null: the answer is generated whole)
     */
    public record Input(String text, String textField, String audioB64, Integer sampleRate, String sessionId, String language,
                        boolean enableTools, boolean expectAudio, ToolListener listener, Streaming streaming) {

        public Input(String text, String textField, String audioB64, Integer sampleRate, String sessionId, String language,
                     boolean enableTools, boolean expectAudio, ToolListener listener) {
            this(text, textField, audioB64, sampleRate, sessionId, language, enableTools, expectAudio, listener, null);
        }
    }

    /**
     * What a streaming transport (SSE, WebSocket) hears while the turn runs, and how it stops the answer.
     *
     * @param onTranscript the recognised speech, before the answer starts (audio input only)
     * @param onToken      each piece of the answer as it is generated
     * @param cancellation set to stop the answer; what was generated is stored, marked interrupted
     */
    public record Streaming(Consumer<SpeechToText.Transcript> onTranscript, Consumer<String> onToken, Cancellation cancellation) {
    }

    /**
     * @param transcript null for text input
     * @param speech     null unless audio was asked for and synthesised
     * @param audioError why audio was asked for but is missing, or null
     */
    public record Reply(TurnResult turn, SpeechToText.Transcript transcript, TextToSpeech.Speech speech, String audioError,
                        List<ToolEvent> toolEvents, Map<String, Double> timings, String sttEngine, String ttsEngine) {
    }

    public Reply handle(Input input) {
        Map<String, Double> timings = new LinkedHashMap<>();
        AudioClip audio = input.audioB64() == null ? null : decode(input.audioB64(), input.sampleRate());
        if (audio != null) {
            available(stt::checkAvailable);
        }
        if (input.expectAudio()) {
            available(tts::checkAvailable);
        }

        SpeechToText.Transcript transcript = null;
        String text = input.text();
        if (audio != null) {
            long t = System.nanoTime();
            transcript = transcribe(audio, input.language());
            timings.put("stt_ms", ms(t));
            if (transcript.text().isBlank()) {
                throw new ApiException(ApiError.of(ErrorKind.UNPROCESSABLE, "No speech was recognised in the audio",
                        "The recording may be silent, too short or too noisy"));
            }
            text = transcript.text();
            if (input.streaming() != null && input.streaming().onTranscript() != null) {
                input.streaming().onTranscript().accept(transcript);
            }
        }

        ToolSession tools = input.enableTools() ? toolBox.open(input.listener()) : null;
        TurnRequest request = TurnRequest.of(input.sessionId(), contact(), audio != null ? "voice" : "api", text,
                audio != null ? "audio_b64" : input.textField());
        if (tools != null) {
            request = request.withTools(tools);
        }
        long t = System.nanoTime();
        TurnResult turn = input.streaming() == null ? turns.handle(request)
                : turns.handle(request, input.streaming().onToken(), input.streaming().cancellation());
        timings.put("turn_ms", ms(t));

        TextToSpeech.Speech spoken = null;
        String audioError = null;
        if (input.expectAudio() && !turn.interrupted()) {
            t = System.nanoTime();
            try {
                spoken = tts.synthesize(SpokenText.of(turn.response(), speech.maxSpokenChars()), input.language());
            } catch (SpeechUnavailableException | SpeechFailedException e) {
                // The answer is stored and worth more than its audio: return it, and say why the audio is missing.
                audioError = e.getMessage();
                log.warn("Speech synthesis failed after the answer was stored: {}", e.getMessage());
            }
            timings.put("tts_ms", ms(t));
        }
        return new Reply(turn, transcript, spoken, audioError, tools == null ? List.of() : tools.events(), timings,
                audio != null ? stt.name() : null, input.expectAudio() ? tts.name() : null);
    }

    private AudioClip decode(String audioB64, Integer sampleRate) {
        if (sampleRate != null && (sampleRate < AudioClip.MIN_RATE || sampleRate > AudioClip.MAX_RATE)) {
            throw ApiException.invalid("sample_rate", "sample_rate must be between " + AudioClip.MIN_RATE + " and "
                    + AudioClip.MAX_RATE + " Hz");
        }
        long maxBytes = speech.maxAudio().toBytes();
        String b64 = stripDataUrl(audioB64);
        if (b64.length() > (maxBytes + 2) / 3 * 4 + 4) {
            throw new ApiException(ApiError.of(ErrorKind.PAYLOAD_TOO_LARGE, "The audio is larger than " + speech.maxAudio().toMegabytes()
                    + " MB", "Send a shorter recording, or a lower sample rate"));
        }
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(b64.replaceAll("\\s", ""));
        } catch (IllegalArgumentException e) {
            throw ApiException.invalid("audio_b64", "audio_b64 is not valid base64");
        }
        try {
            return AudioClip.decode(bytes, sampleRate == null ? 16_000 : sampleRate);
        } catch (InvalidAudioException e) {
            throw ApiException.invalid("audio_b64", e.getMessage());
        }
    }

    private SpeechToText.Transcript transcribe(AudioClip audio, String language) {
        try {
            return stt.transcribe(audio, language);
        } catch (SpeechUnavailableException e) {
            throw unavailable(e);
        } catch (SpeechFailedException e) {
            throw new ApiException(ApiError.of(ErrorKind.BAD_GATEWAY, e.getMessage()));
        }
    }

    private static void available(Runnable check) {
        try {
            check.run();
        } catch (SpeechUnavailableException e) {
            throw unavailable(e);
        }
    }

    private static ApiException unavailable(SpeechUnavailableException e) {
        return new ApiException(ApiError.of(ErrorKind.UNAVAILABLE, e.getMessage()));
    }

    /** Browsers hand out recordings as data URLs ({@code data:audio/wav;base64,...}); accept them as they come. */
    private static String stripDataUrl(String b64) {
        int comma = b64.indexOf(',');
        return b64.startsWith("data:") && comma > 0 ? b64.substring(comma + 1) : b64;
    }

    /** assistant.md has no user field: the caller (API key or JWT subject) is the customer. */
    private static String contact() {
        return IdentityContext.require().principal();
    }

    private static double ms(long startNanos) {
        return Math.round((System.nanoTime() - startNanos) / 10_000.0) / 100.0;
    }
}
