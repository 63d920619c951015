package dev.supportplatform.chat.speech;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

import java.time.Duration;
import java.util.List;

/**
 * Speech settings ({@code platform.speech.*}, documented in docs/configuration.md).
 *
 * @param stt            {@code offline} (PocketSphinx, the default), {@code openai} or {@code none}
 * @param tts            {@code offline} (eSpeak NG, the default), {@code openai} or {@code none}
 * @param maxAudio       largest decoded audio a request may carry
 * @param maxSpokenChars longest answer text that is synthesised; longer answers are cut at a sentence end
 * @param timeout        per engine call
 */
@ConfigurationProperties("platform.speech")
public record SpeechProperties(
        @DefaultValue("offline") String stt,
        @DefaultValue("offline") String tts,
        @DefaultValue("10MB") DataSize maxAudio,
        @DefaultValue("1500") int maxSpokenChars,
        @DefaultValue("30s") Duration timeout,
        @DefaultValue Offline offline,
        @DefaultValue OpenAi openai) {

    /**
     * @param pocketsphinxArguments extra decoder arguments, e.g. {@code -hmm DIR,-lm FILE,-dict FILE} for another model
     * @param pocketsphinxLanguage  language of the decoder's model
     */
    public record Offline(@DefaultValue("pocketsphinx_continuous") String pocketsphinx,
                          @DefaultValue List<String> pocketsphinxArguments,
                          @DefaultValue("en") String pocketsphinxLanguage,
                          @DefaultValue("espeak-ng") String espeak,
                          @DefaultValue("en-us") String espeakVoice,
                          @DefaultValue("160") int espeakRate) {
    }

    public record OpenAi(String baseUrl, String apiKey,
                         @DefaultValue("whisper-1") String sttModel,
                         @DefaultValue("verbose_json") String sttResponseFormat,
                         @DefaultValue("tts-1") String ttsModel,
                         @DefaultValue("alloy") String voice) {
    }
}
