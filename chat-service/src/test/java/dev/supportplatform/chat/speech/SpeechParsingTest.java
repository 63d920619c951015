package dev.supportplatform.chat.speech;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SpeechParsingTest {

    @Test
    void pocketsphinxOutputGivesTheTextAndTheMeanWordProbabilityWithoutMarkersOrFillers() {
        String output = """
                i want a refund
                <s> 0.000 0.020 0.999600
                i 0.030 0.140 0.200000
                <sil> 0.150 0.190 0.777611
                want 0.200 0.520 0.400000
                a 0.530 0.590 0.100000
                [NOISE] 0.590 0.600 0.900000
                refund(2) 0.600 1.100 0.500000
                </s> 1.770 2.140 1.000000
                for my order
                for 2.200 2.300 0.600000
                my 2.300 2.400 0.700000
                order 2.400 2.900 0.800000
                """;
        SpeechToText.Transcript t = PocketsphinxRecognizer.parse(output, "en");
        assertThat(t.text()).isEqualTo("i want a refund for my order");
        assertThat(t.confidence()).isEqualTo(0.471); // (0.2 + 0.4 + 0.1 + 0.5 + 0.6 + 0.7 + 0.8) / 7
        assertThat(t.language()).isEqualTo("en");
    }

    @Test
    void silenceGivesAnEmptyTranscriptWithoutConfidence() {
        SpeechToText.Transcript t = PocketsphinxRecognizer.parse("\n", "en");
        assertThat(t.text()).isEmpty();
        assertThat(t.confidence()).isNull();
    }

    @Test
    void whisperVerboseJsonGivesLanguageCodeAndConfidenceFromSegmentLogProbabilities() {
        SpeechToText.Transcript t = OpenAiSpeechToText.parse("""
                {"task": "transcribe", "language": "italian", "duration": 2.1, "text": " Vorrei un rimborso. ",
                 "segments": [{"avg_logprob": -0.1}, {"avg_logprob": -0.3}]}""", null);
        assertThat(t.text()).isEqualTo("Vorrei un rimborso.");
        assertThat(t.language()).isEqualTo("it");
        assertThat(t.confidence()).isEqualTo(Math.round(Math.exp(-0.2) * 1000) / 1000.0);
    }

    @Test
    void aPlainJsonTranscriptionKeepsTheHintedLanguageAndHasNoConfidence() {
        SpeechToText.Transcript t = OpenAiSpeechToText.parse("{\"text\": \"hello\"}", "de");
        assertThat(t.text()).isEqualTo("hello");
        assertThat(t.language()).isEqualTo("de");
        assertThat(t.confidence()).isNull();
    }

    @Test
    void aTranscriptionAnswerWithoutTextIsAFailure() {
        assertThatThrownBy(() -> OpenAiSpeechToText.parse("{\"error\": \"x\"}", null)).isInstanceOf(SpeechFailedException.class);
        assertThatThrownBy(() -> OpenAiSpeechToText.parse("<html>", null)).isInstanceOf(SpeechFailedException.class);
    }

    @Test
    void spokenTextDropsCitationsAndTheSourceListAndCutsLongAnswersAtASentence() {
        assertThat(SpokenText.of("Refunds take 14 days [1]. Keep the receipt [2].\n\nSources: [1] refund.pdf, [2] faq.md", 500))
                .isEqualTo("Refunds take 14 days. Keep the receipt.");
        String longer = "First sentence is here. Second sentence is a bit longer than the first. Third.";
        assertThat(SpokenText.of(longer, 40)).isEqualTo("First sentence is here.");
    }
}
