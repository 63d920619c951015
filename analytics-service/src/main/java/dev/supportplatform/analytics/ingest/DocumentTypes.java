package dev.supportplatform.analytics.ingest;

import java.util.Locale;

/** The document type shown by /v1/analytics/ingestion's by_type: pdf, docx, text, markdown, html, csv, json, web, article, other. */
final class DocumentTypes {
    private DocumentTypes() {
    }

    static String of(String sourceType, String contentType, String filename) {
        String source = lower(sourceType);
        if (source.equals("url")) {
            return "web";
        }
        if (source.equals("article")) {
            return "article";
        }
        if (source.equals("text")) {
            return "text";
        }
        String type = lower(contentType);
        String name = lower(filename);
        if (type.contains("pdf") || name.endsWith(".pdf")) {
            return "pdf";
        }
        if (type.contains("wordprocessingml") || type.contains("msword") || name.endsWith(".docx") || name.endsWith(".doc")) {
            return "docx";
        }
        if (type.contains("markdown") || name.endsWith(".md") || name.endsWith(".markdown")) {
            return "markdown";
        }
        if (type.contains("html") || name.endsWith(".html") || name.endsWith(".htm")) {
            return "html";
        }
        if (type.contains("csv") || name.endsWith(".csv")) {
            return "csv";
        }
        if (type.contains("json") || name.endsWith(".json")) {
            return "json";
        }
        if (type.startsWith("text/") || name.endsWith(".txt")) {
            return "text";
        }
        return "other";
    }

    private static String lower(String s) {
        return s == null ? "" : s.toLowerCase(Locale.ROOT);
    }
}
