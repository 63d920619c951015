package dev.supportplatform.knowledge.ingestion;

import dev.supportplatform.common.dialect.ApiError;
import dev.supportplatform.common.dialect.ErrorKind;
import dev.supportplatform.common.service.web.ApiException;

/** Input that cannot be ingested; carries the error kind (and so the status) the client gets. */
public class IngestionException extends ApiException {

    public IngestionException(ErrorKind kind, String message) {
        super(ApiError.of(kind, message));
    }

    public static IngestionException invalid(String message) {
        return new IngestionException(ErrorKind.VALIDATION, message);
    }

    public static IngestionException unsupported(String message) {
        return new IngestionException(ErrorKind.UNSUPPORTED_MEDIA_TYPE, message);
    }

    public static IngestionException unprocessable(String message) {
        return new IngestionException(ErrorKind.UNPROCESSABLE, message);
    }

    public static IngestionException tooLarge(String message) {
        return new IngestionException(ErrorKind.PAYLOAD_TOO_LARGE, message);
    }
}
