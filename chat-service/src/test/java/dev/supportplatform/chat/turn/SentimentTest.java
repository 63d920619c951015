package dev.supportplatform.chat.turn;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SentimentTest {

    private static final Sentiment VADER = Sentiment.vaderLexiconOnly();

    /** Expected: the compound score of npm vader-sentiment 1.1.3 for the same text (its rules' quirks included). */
    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            VADER is smart, handsome, and funny.                                                 |  0.8316
            VADER is not smart, handsome, nor funny.                                             | -0.7424
            VADER is VERY SMART, handsome, and FUNNY!!!                                          |  0.9342
            The book was kind of good.                                                           |  0.3832
            The plot was good, but the characters are uncompelling and the dialog is not great.  | -0.7042
            The plot was good, But the characters are uncompelling.                              |  0.25
            At least it isn't a horrible book.                                                   |  0.431
            It was the least helpful answer                                                      | -0.3252
            I have never been so happy                                                           |  0.6948
            Make sure you :) or :D today!                                                        |  0.8633
            Today SUX!                                                                           | -0.5461
            Today only kinda sux! But I'll get by, lol                                           |  0.2228
            Not bad at all                                                                       | -0.5423
            NOT good                                                                             |  0.4404
            that movie was the bomb                                                              |  0.6124
            yeah right, like that would help                                                     |  0.7506
            Why is it broken??? I am so angry                                                    | -0.8038
            hooray :P lol                                                                        |  0.8331
            a b c good                                                                           |  0.4404
            Catch utf-8 emoji such as 💘 and 💋 and 😁                                           |  0
            ``                                                                                   |  0
            """)
    void vadersLexiconAloneScoresEveryTextAsNpmVaderDoes(String text, double npmCompound) {
        assertThat(VADER.score(text == null ? "" : text)).isEqualTo(npmCompound);
    }

    @Test
    void splitsAtUnicodeSpacesAsJavaScriptDoes() {
        assertThat(VADER.score("good\u00a0day sad")).isEqualTo(-0.0516); // npm: "good" and "sad" are separate words
    }

    @Test
    void theBundledLexiconAddsSupportWordsVaderLacks() {
        assertThat(VADER.score("the app is buggy")).isZero();
        assertThat(Sentiment.bundled().score("the app is buggy")).isNegative();
        assertThat(Sentiment.bundled().score("VADER is smart, handsome, and funny.")).isEqualTo(0.8316);
    }
}
