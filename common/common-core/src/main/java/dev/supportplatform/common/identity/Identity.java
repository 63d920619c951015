package dev.supportplatform.common.identity;

import java.util.Set;

/**
 * Who is calling, as resolved by the gateway from the client's credential.
 *
 * @param tenantId   the tenant every read and write is scoped to
 * @param principal  the key id, user id or service name behind the credential
 * @param scopes     what the credential may do (see {@link Scopes})
 * @param credential how the client authenticated (api_key, jwt, session, root, service)
 */
public record Identity(String tenantId, String principal, Set<String> scopes, String credential) {

    public Identity {
        if (tenantId == null || tenantId.isBlank()) {
            throw new IllegalArgumentException("tenantId is required");
        }
        scopes = scopes == null ? Set.of() : Set.copyOf(scopes);
    }

    public boolean hasScope(String scope) {
        return scopes.contains(scope) || scopes.contains(Scopes.ADMIN);
    }

    /** The identity a service acts under when it works for a tenant on its own account (event consumers, jobs). */
    public static Identity service(String serviceName, String tenantId) {
        return new Identity(tenantId, serviceName, Set.of(Scopes.ADMIN), "service");
    }
}
