package dev.supportplatform.gateway.auth;

import java.util.regex.Pattern;

/** Tenant ids are short, URL- and log-safe names. */
public final class TenantIds {
    private static final Pattern VALID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,63}");

    private TenantIds() {
    }

    public static boolean valid(String id) {
        return id != null && VALID.matcher(id).matches();
    }
}
