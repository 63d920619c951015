package dev.supportplatform.chat.speech;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.util.Locale;

/** Picks the speech engines named in the settings. A missing engine never stops the service from starting. */
@Configuration
@EnableConfigurationProperties(SpeechProperties.class)
class SpeechConfiguration {

    @Bean
    SpeechToText speechToText(SpeechProperties p) {
        return switch (p.stt().toLowerCase(Locale.ROOT)) {
            case "offline" -> new PocketsphinxRecognizer(p.offline().pocketsphinx(), p.offline().pocketsphinxArguments(),
                    p.offline().pocketsphinxLanguage(), p.timeout());
            case "openai" -> new OpenAiSpeechToText(p.openai().baseUrl(), p.openai().apiKey(), p.openai().sttModel(),
                    p.openai().sttResponseFormat(), p.timeout());
            case "none" -> new SwitchedOff("Speech recognition");
            default -> throw new IllegalStateException("platform.speech.stt must be offline, openai or none, not " + p.stt());
        };
    }

    @Bean
    TextToSpeech textToSpeech(SpeechProperties p) {
        return switch (p.tts().toLowerCase(Locale.ROOT)) {
            case "offline" -> new EspeakSynthesizer(p.offline().espeak(), p.offline().espeakVoice(), p.offline().espeakRate(), p.timeout());
            case "openai" -> new OpenAiTextToSpeech(p.openai().baseUrl(), p.openai().apiKey(), p.openai().ttsModel(),
                    p.openai().voice(), p.timeout());
            case "none" -> new SwitchedOff("Speech synthesis");
            default -> throw new IllegalStateException("platform.speech.tts must be offline, openai or none, not " + p.tts());
        };
    }

    /** The engine an operator switched off: every use says so. */
    record SwitchedOff(String what) implements SpeechToText, TextToSpeech {
        @Override
        public String name() {
            return "none";
        }

        @Override
        public void checkAvailable() {
            throw new SpeechUnavailableException(what + " is switched off on this server");
        }

        @Override
        public Transcript transcribe(AudioClip audio, String languageHint) {
            checkAvailable();
            return null;
        }

        @Override
        public Speech synthesize(String text, String language) {
            checkAvailable();
            return null;
        }
    }
}
