package dev.supportplatform.knowledge.ingestion;

import dev.langchain4j.data.document.Document;
import dev.langchain4j.data.document.DocumentSplitter;
import dev.langchain4j.data.document.splitter.DocumentSplitters;
import dev.langchain4j.data.segment.TextSegment;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits text into overlapping chunks of at most {@code size} characters (paragraphs, then lines, sentences, words).
 * CSV is split on row boundaries instead, and every chunk repeats the header row so each stands on its own.
 */
public class Chunker {

    private final int size;
    private final DocumentSplitter splitter;

    public Chunker(int size, int overlap) {
        this.size = size;
        this.splitter = DocumentSplitters.recursive(size, overlap);
    }

    public List<String> chunk(String text, DocumentKind kind) {
        if (text == null || text.isBlank()) {
            return List.of();
        }
        if (kind == DocumentKind.CSV) {
            return csv(text);
        }
        return splitter.split(Document.from(text)).stream().map(TextSegment::text).filter(s -> !s.isBlank()).toList();
    }

    private List<String> csv(String text) {
        List<String> rows = rows(text);
        if (rows.isEmpty()) {
            return List.of();
        }
        String header = rows.getFirst();
        List<String> chunks = new ArrayList<>();
        StringBuilder current = new StringBuilder(header);
        boolean hasRow = false;
        for (String row : rows.subList(1, rows.size())) {
            if (row.isBlank()) {
                continue;
            }
            if (hasRow && current.length() + 1 + row.length() > size) {
                chunks.add(current.toString());
                current = new StringBuilder(header);
                hasRow = false;
            }
            current.append('\n').append(row);
            hasRow = true;
        }
        if (hasRow || chunks.isEmpty()) {
            chunks.add(current.toString());
        }
        return chunks;
    }

    /** Rows of a CSV text; a newline inside a quoted field does not end the row. */
    static List<String> rows(String text) {
        List<String> rows = new ArrayList<>();
        StringBuilder row = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '"') {
                quoted = !quoted;
            }
            if ((c == '\n' || c == '\r') && !quoted) {
                if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
                    i++;
                }
                rows.add(row.toString());
                row.setLength(0);
            } else {
                row.append(c);
            }
        }
        if (!row.isEmpty()) {
            rows.add(row.toString());
        }
        return rows;
    }
}
