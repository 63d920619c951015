package dev.supportplatform.knowledge.document;

import java.util.List;

/** Narrowing of listings and searches; null or empty parts match everything. */
public record DocumentFilter(String collection, String category, List<String> tags, String documentId) {

    public static final DocumentFilter NONE = new DocumentFilter(null, null, List.of(), null);

    public DocumentFilter {
        collection = blankToNull(collection);
        category = blankToNull(category);
        documentId = blankToNull(documentId);
        tags = tags == null ? List.of() : tags.stream().filter(t -> t != null && !t.isBlank()).toList();
    }

    /** Whether it narrows anything. */
    public boolean narrows() {
        return !equals(NONE);
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
