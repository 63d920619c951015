package dev.supportplatform.knowledge.ingestion;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class LeadingTitleTest {

    @Test
    void aShortFirstLineThatStandsAloneIsTheTitle() {
        assertThat(TextExtractor.leadingTitle("\n  Why is my card declined?  \n\nUsually the limit.")).isEqualTo("Why is my card declined?");
        assertThat(TextExtractor.leadingTitle("Title\r\n\r\nBody")).isEqualTo("Title");
    }

    @Test
    void aMarkdownHeadingIsTheTitleWithoutItsMarks() {
        assertThat(TextExtractor.leadingTitle("## Returns ##\nSend it back within 30 days.")).isEqualTo("Returns");
        assertThat(TextExtractor.leadingTitle("# Returns\n\nSend it back.")).isEqualTo("Returns");
    }

    @Test
    void paragraphsLongLinesAndLoneLinesAreNotTitles() {
        assertThat(TextExtractor.leadingTitle("First line\nsecond line of the same paragraph.")).isNull();
        assertThat(TextExtractor.leadingTitle("Only one line.")).isNull();
        assertThat(TextExtractor.leadingTitle("# Only a heading")).isNull();
        assertThat(TextExtractor.leadingTitle("Just a title\n\n   ")).isNull();
        assertThat(TextExtractor.leadingTitle("x".repeat(TextExtractor.MAX_TITLE_CHARS + 1) + "\n\nBody")).isNull();
        assertThat(TextExtractor.leadingTitle("#hashtag is not a heading\nmore")).isNull();
    }
}
