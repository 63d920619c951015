package dev.supportplatform.chat.api;

import dev.supportplatform.common.service.web.ApiException;

/** Bounds every contract's page parameters alike: limit 1..100, offset and page non-negative. */
public final class Paging {
    public static final int MAX = 100;

    private Paging() {
    }

    public static int limit(int limit) {
        if (limit < 1 || limit > MAX) {
            throw ApiException.invalid("limit", "limit must be between 1 and " + MAX);
        }
        return limit;
    }

    public static int offset(int offset) {
        if (offset < 0) {
            throw ApiException.invalid("offset", "offset must not be negative");
        }
        return offset;
    }

    /** agents.md pages: 1-based page and per_page; returns the offset. */
    public static int pageOffset(int page, int perPage) {
        if (page < 1) {
            throw ApiException.invalid("page", "page must be at least 1");
        }
        if (perPage < 1 || perPage > MAX) {
            throw ApiException.invalid("per_page", "per_page must be between 1 and " + MAX);
        }
        return (page - 1) * perPage;
    }
}
