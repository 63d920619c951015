package dev.supportplatform.common.identity;

import java.util.List;

/** Header names the gateway and the services agree on. */
public final class PlatformHeaders {
    /** The signed, short-lived identity the gateway forwards; services refuse requests without a valid one. */
    public static final String INTERNAL_TOKEN = "X-Internal-Token";
    public static final String REQUEST_ID = "X-Request-Id";
    /** Lets the root key act in a named tenant. */
    public static final String TENANT_ID = "X-Tenant-Id";

    /**
     * Identity headers a client could send to impersonate someone; the gateway strips them before routing (the
     * tenant header is read first, and honoured only for the root key).
     */
    public static final List<String> CLIENT_IDENTITY_HEADERS = List.of(
            INTERNAL_TOKEN, TENANT_ID, "X-Tenant", "X-User-Id", "X-Principal", "X-Scopes", "X-Forwarded-User",
            "X-Authenticated-User", "X-Auth-Request-User");

    private PlatformHeaders() {
    }
}
