package dev.supportplatform.knowledge.api;

import dev.supportplatform.knowledge.ingestion.IngestionException;
import dev.supportplatform.knowledge.ingestion.IngestionInput;
import org.springframework.web.multipart.MultipartFile;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/** Turns multipart uploads into ingestion input. */
final class Uploads {

    private Uploads() {
    }

    static IngestionInput of(MultipartFile file, String collection, String category, List<String> tags) {
        String filename = file.getOriginalFilename() == null || file.getOriginalFilename().isBlank() ? "upload" : file.getOriginalFilename();
        byte[] bytes;
        try {
            bytes = file.getBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (bytes.length == 0) {
            throw IngestionException.invalid("The file " + filename + " is empty");
        }
        return new IngestionInput("upload", filename, null, filename, file.getContentType(), bytes, null, collection, category, tags, Map.of(), null);
    }

    static List<String> tags(String commaSeparated) {
        return commaSeparated == null ? List.of() : Arrays.stream(commaSeparated.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
    }
}
