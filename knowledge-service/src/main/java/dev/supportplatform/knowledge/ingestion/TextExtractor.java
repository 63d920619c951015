package dev.supportplatform.knowledge.ingestion;

import org.apache.tika.exception.WriteLimitReachedException;
import org.apache.tika.metadata.Metadata;
import org.apache.tika.metadata.PagedText;
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

    public record Extracted(String text, Integer pages) {
    }

    public Extracted extract(byte[] bytes, DocumentKind kind, String filename) {
        return switch (kind) {
            case PDF -> tika(new PDFParser(), bytes, filename);
            case DOCX -> tika(new OOXMLParser(), bytes, filename);
            case HTML -> tika(new JSoupParser(), utf8Checked(bytes, filename).getBytes(StandardCharsets.UTF_8), filename);
            case JSON -> new Extracted(json(utf8Checked(bytes, filename), filename), null);
            case CSV, MARKDOWN, TEXT -> new Extracted(limit(utf8Checked(bytes, filename), filename), null);
        };
    }

    private Extracted tika(Parser parser, byte[] bytes, String filename) {
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
        return new Extracted(handler.toString(), pages == null ? null : Integer.valueOf(pages));
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
