package dev.supportplatform.knowledge.ingestion;

import org.apache.tika.exception.WriteLimitReachedException;
import org.apache.tika.metadata.Metadata;
import org.apache.tika.metadata.PagedText;
import org.apache.tika.metadata.TikaCoreProperties;
import org.apache.tika.parser.ParseContext;
import org.apache.tika.parser.Parser;
import org.apache.tika.parser.html.JSoupParser;
import org.apache.tika.parser.microsoft.ooxml.OOXMLParser;
import org.apache.tika.parser.pdf.PDFParser;
import org.apache.tika.sax.BodyContentHandler;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.ByteArrayInputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Turns file bytes into text. Text formats must be valid UTF-8 (a byte-order mark is allowed); PDF, DOCX and HTML go
 * through Tika's own parser for that format (never PDFBox beside it), with a cap on the characters extracted.
 */
public class TextExtractor {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final int maxChars;

    public TextExtractor(int maxChars) {
        this.maxChars = maxChars;
    }

    /** @param title the title the document gives itself (see {@link #leadingTitle}), or null */
    public record Extracted(String text, Integer pages, String title) {
    }

    /** The longest line taken for a title: a heading, not a paragraph. */
    static final int MAX_TITLE_CHARS = 200;

    public Extracted extract(byte[] bytes, DocumentKind kind, String filename) {
        return switch (kind) {
            case PDF -> tika(new PDFParser(), bytes, filename, false);
            case DOCX -> tika(new OOXMLParser(), bytes, filename, false);
            case HTML -> tika(new JSoupParser(), utf8Checked(bytes, filename).getBytes(StandardCharsets.UTF_8), filename, true);
            case JSON -> new Extracted(json(utf8Checked(bytes, filename), filename), null, null);
            case CSV -> new Extracted(limit(utf8Checked(bytes, filename), filename), null, null);
            case MARKDOWN, TEXT -> {
                String text = limit(utf8Checked(bytes, filename), filename);
                yield new Extracted(text, null, leadingTitle(text));
            }
        };
    }

    /**
     * The title a plain-text or Markdown document gives itself: its first line, when that line is a Markdown heading
     * or stands alone (a blank line follows, more text after it) and is no longer than {@value #MAX_TITLE_CHARS}
     * characters. Search embeds a document's title and blends it into each of its chunks' similarity, as for
     * articles. PDF and DOCX metadata titles are not used: they are often the authoring tool's file name.
     */
    public static String leadingTitle(String text) {
        String[] lines = text.strip().split("\\R", 3);
        if (lines.length == 0) {
            return null;
        }
        String first = lines[0].strip();
        boolean heading = first.matches("#{1,6}\\s+\\S.*");
        boolean standsAlone = lines.length == 3 && lines[1].isBlank() && !lines[2].isBlank();
        if (!(heading && lines.length > 1 || standsAlone)) {
            return null;
        }
        String title = heading ? first.replaceFirst("^#{1,6}\\s+", "").replaceFirst("\\s+#+$", "").strip() : first;
        return title.isEmpty() || title.length() > MAX_TITLE_CHARS ? null : title;
    }

    /** @param useTitle whether the format's title metadata (HTML's {@code <title>}) names the document */
    private Extracted tika(Parser parser, byte[] bytes, String filename, boolean useTitle) {
        BodyContentHandler handler = new BodyContentHandler(maxChars);
        Metadata metadata = new Metadata();
        try {
            parser.parse(new ByteArrayInputStream(bytes), handler, metadata, new ParseContext());
        } catch (Exception e) {
            if (WriteLimitReachedException.isWriteLimitReached(e)) {
                throw IngestionException.unprocessable(filename + " yields more than " + maxChars + " characters of text");
            }
            throw IngestionException.unprocessable(filename + " could not be parsed: it is malformed or damaged");
        } catch (StackOverflowError | OutOfMemoryError e) {
            throw IngestionException.unprocessable(filename + " could not be parsed: it is malformed or too complex");
        }
        String pages = metadata.get(PagedText.N_PAGES);
        String title = useTitle ? metadata.get(TikaCoreProperties.TITLE) : null;
        title = title == null || title.isBlank() || title.strip().length() > MAX_TITLE_CHARS ? null : title.strip();
        return new Extracted(handler.toString(), pages == null ? null : Integer.valueOf(pages), title);
    }

    /** Pretty-printed, so that each field lands on its own line and chunk boundaries fall between fields. */
    private String json(String text, String filename) {
        try {
            JsonNode node = JSON.readTree(text);
            return limit(node.toPrettyString(), filename);
        } catch (JacksonException e) {
            throw IngestionException.unprocessable(filename + " is not valid JSON");
        }
    }

    private String limit(String text, String filename) {
        if (text.length() > maxChars) {
            throw IngestionException.unprocessable(filename + " yields more than " + maxChars + " characters of text");
        }
        return text;
    }

    static String utf8Checked(byte[] bytes, String filename) {
        try {
            String text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
            return text.startsWith("\uFEFF") ? text.substring(1) : text;
        } catch (CharacterCodingException e) {
            throw IngestionException.unprocessable(filename + " is not valid UTF-8 text");
        }
    }
}
