package dev.supportplatform.common.dialect;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;

/** Success envelopes of the two contracts that have one (agents.md and conversations.md). */
public final class Envelopes {

    private Envelopes() {
    }

    /** agents.md: {@code {success: true, data, metadata: {response_time, timestamp}}}. */
    public static Map<String, Object> agents(Object data, double responseTimeSeconds, Instant now) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("success", true);
        body.put("data", data);
        body.put("metadata", agentsMetadata(responseTimeSeconds, now));
        return body;
    }

    /** agents.md list: {@code {success, data: [...], pagination: {page, per_page, total, pages}, metadata}}. */
    public static Map<String, Object> agentsPage(Object items, int page, int perPage, long total, double responseTimeSeconds, Instant now) {
        Map<String, Object> pagination = new LinkedHashMap<>();
        pagination.put("page", page);
        pagination.put("per_page", perPage);
        pagination.put("total", total);
        pagination.put("pages", perPage == 0 ? 0 : (total + perPage - 1) / perPage);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("success", true);
        body.put("data", items);
        body.put("pagination", pagination);
        body.put("metadata", agentsMetadata(responseTimeSeconds, now));
        return body;
    }

    public static Map<String, Object> agentsMetadata(double responseTimeSeconds, Instant now) {
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("response_time", Math.round(responseTimeSeconds * 1000.0) / 1000.0);
        metadata.put("timestamp", now.truncatedTo(ChronoUnit.MILLIS).toString());
        return metadata;
    }

    /** conversations.md: {@code {success: true, message, data}}. */
    public static Map<String, Object> conversations(String message, Object data) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("success", true);
        body.put("message", message);
        body.put("data", data);
        return body;
    }
}
