package dev.supportplatform.knowledge.ingestion;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Locale;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * Decides what a file really is from its bytes (magic numbers), and refuses it when the declared content type or the
 * file extension claims something else, when it is a format we do not ingest, or when a zip container would inflate
 * beyond the configured cap (checked by actually inflating, since zip headers can lie about sizes).
 */
public class ContentInspector {

    private static final int MAX_ZIP_ENTRIES = 10_000;
    private static final Map<String, DocumentKind> EXTENSIONS = Map.ofEntries(
            Map.entry("pdf", DocumentKind.PDF), Map.entry("docx", DocumentKind.DOCX),
            Map.entry("html", DocumentKind.HTML), Map.entry("htm", DocumentKind.HTML),
            Map.entry("md", DocumentKind.MARKDOWN), Map.entry("markdown", DocumentKind.MARKDOWN),
            Map.entry("csv", DocumentKind.CSV), Map.entry("json", DocumentKind.JSON),
            Map.entry("txt", DocumentKind.TEXT), Map.entry("text", DocumentKind.TEXT), Map.entry("log", DocumentKind.TEXT));
    private static final Map<String, DocumentKind> MEDIA_TYPES = Map.ofEntries(
            Map.entry("application/pdf", DocumentKind.PDF),
            Map.entry(DocumentKind.DOCX.contentType(), DocumentKind.DOCX),
            Map.entry("text/html", DocumentKind.HTML), Map.entry("application/xhtml+xml", DocumentKind.HTML),
            Map.entry("text/markdown", DocumentKind.MARKDOWN), Map.entry("text/x-markdown", DocumentKind.MARKDOWN),
            Map.entry("text/csv", DocumentKind.CSV), Map.entry("application/csv", DocumentKind.CSV),
            Map.entry("application/json", DocumentKind.JSON), Map.entry("text/json", DocumentKind.JSON),
            Map.entry("text/plain", DocumentKind.TEXT));

    private final long maxInflatedBytes;

    public ContentInspector(long maxInflatedBytes) {
        this.maxInflatedBytes = maxInflatedBytes;
    }

    public DocumentKind inspect(byte[] bytes, String filename, String declaredType) {
        if (bytes.length == 0) {
            throw IngestionException.invalid("The file " + filename + " is empty");
        }
        DocumentKind byExtension = EXTENSIONS.get(extension(filename));
        DocumentKind declared = declaredKind(declaredType);
        DocumentKind sniffed = sniff(bytes);
        if (sniffed == null) {
            throw IngestionException.unsupported("The content of " + filename + " is not a supported format "
                    + "(PDF, DOCX, HTML, Markdown, CSV, JSON or plain text)");
        }
        if (sniffed.binary()) {
            requireAgreement(filename, sniffed, byExtension, declared);
            if (sniffed == DocumentKind.DOCX) {
                checkZip(bytes, filename);
            }
            return sniffed;
        }
        // Text: the bytes cannot tell CSV from Markdown, so the extension (else the declared type) decides,
        // but neither may claim a binary format the bytes are not.
        if ((byExtension != null && byExtension.binary()) || (declared != null && declared.binary())) {
            throw IngestionException.unsupported("The content of " + filename + " does not match its declared type: it is text, not "
                    + (byExtension != null && byExtension.binary() ? byExtension : declared).name());
        }
        if (declaredType != null && !declaredType.isBlank() && declared == null && !generic(declaredType) && !declaredType.startsWith("text/")) {
            throw IngestionException.unsupported("Unsupported content type " + declaredType + " for " + filename);
        }
        DocumentKind kind = byExtension != null ? byExtension : declared;
        if (kind == null && looksLikeHtml(bytes)) {
            return DocumentKind.HTML;
        }
        if (kind == null && extension(filename).isEmpty() || kind == null && declaredType != null && declaredType.startsWith("text/")) {
            return DocumentKind.TEXT;
        }
        if (kind == null) {
            throw IngestionException.unsupported("Unsupported file type ." + extension(filename) + " for " + filename);
        }
        return kind;
    }

    private static void requireAgreement(String filename, DocumentKind sniffed, DocumentKind byExtension, DocumentKind declared) {
        if (byExtension != null && byExtension != sniffed || declared != null && declared != sniffed) {
            throw IngestionException.unsupported("The content of " + filename + " is " + sniffed.name()
                    + ", which does not match its declared type or extension");
        }
    }

    /** The kind the bytes prove, TEXT for anything that is NUL-free text, or null for other binary formats. */
    static DocumentKind sniff(byte[] b) {
        if (startsWith(b, "%PDF-")) {
            return DocumentKind.PDF;
        }
        if (b.length >= 4 && b[0] == 'P' && b[1] == 'K' && b[2] == 3 && b[3] == 4) {
            return isDocx(b) ? DocumentKind.DOCX : null;
        }
        int probe = Math.min(b.length, 8192);
        for (int i = 0; i < probe; i++) {
            if (b[i] == 0) {
                return null;
            }
        }
        return DocumentKind.TEXT;
    }

    private static boolean isDocx(byte[] bytes) {
        try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(bytes))) {
            for (ZipEntry e = zip.getNextEntry(); e != null; e = zip.getNextEntry()) {
                if (e.getName().equals("word/document.xml")) {
                    return true;
                }
            }
            return false;
        } catch (IOException | IllegalArgumentException e) {
            return false;
        }
    }

    private void checkZip(byte[] bytes, String filename) {
        long total = 0;
        int entries = 0;
        byte[] buffer = new byte[64 * 1024];
        try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(bytes))) {
            for (ZipEntry e = zip.getNextEntry(); e != null; e = zip.getNextEntry()) {
                if (++entries > MAX_ZIP_ENTRIES) {
                    throw IngestionException.unprocessable(filename + " has too many archive entries");
                }
                for (int n = zip.read(buffer); n > 0; n = zip.read(buffer)) {
                    total += n;
                    if (total > maxInflatedBytes) {
                        throw IngestionException.unprocessable(filename + " inflates to more than " + maxInflatedBytes
                                + " bytes; refused as a possible decompression bomb");
                    }
                }
            }
        } catch (IOException | IllegalArgumentException e) {
            throw IngestionException.unprocessable(filename + " is a damaged archive: " + e.getMessage());
        }
    }

    private static boolean looksLikeHtml(byte[] b) {
        String head = new String(b, 0, Math.min(b.length, 512), java.nio.charset.StandardCharsets.ISO_8859_1).stripLeading().toLowerCase(Locale.ROOT);
        return head.startsWith("<!doctype html") || head.startsWith("<html");
    }

    private static DocumentKind declaredKind(String declaredType) {
        if (declaredType == null) {
            return null;
        }
        String base = declaredType.split(";")[0].trim().toLowerCase(Locale.ROOT);
        return MEDIA_TYPES.get(base);
    }

    private static boolean generic(String declaredType) {
        String base = declaredType.split(";")[0].trim().toLowerCase(Locale.ROOT);
        return base.equals("application/octet-stream") || base.equals("binary/octet-stream") || base.isEmpty();
    }

    static String extension(String filename) {
        if (filename == null) {
            return "";
        }
        int dot = filename.lastIndexOf('.');
        return dot < 0 ? "" : filename.substring(dot + 1).toLowerCase(Locale.ROOT);
    }

    private static boolean startsWith(byte[] b, String prefix) {
        if (b.length < prefix.length()) {
            return false;
        }
        for (int i = 0; i < prefix.length(); i++) {
            if (b[i] != prefix.charAt(i)) {
                return false;
            }
        }
        return true;
    }
}
