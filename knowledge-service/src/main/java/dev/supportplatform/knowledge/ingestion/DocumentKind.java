package dev.supportplatform.knowledge.ingestion;

/** The formats ingestion understands, each with the content type it is stored under. */
public enum DocumentKind {
    PDF("application/pdf"),
    DOCX("application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
    HTML("text/html"),
    MARKDOWN("text/markdown"),
    CSV("text/csv"),
    JSON("application/json"),
    TEXT("text/plain");

    private final String contentType;

    DocumentKind(String contentType) {
        this.contentType = contentType;
    }

    public String contentType() {
        return contentType;
    }

    public boolean binary() {
        return this == PDF || this == DOCX;
    }
}
