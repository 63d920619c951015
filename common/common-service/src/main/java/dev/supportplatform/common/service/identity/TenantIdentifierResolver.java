package dev.supportplatform.common.service.identity;

import dev.supportplatform.common.identity.Identity;
import org.hibernate.context.spi.CurrentTenantIdentifierResolver;

/**
 * Tells Hibernate which tenant the current session belongs to. Entities mark their tenant column with
 * {@code @TenantId}: Hibernate then adds {@code tenant_id = ?} to every query and sets it on every insert.
 * Without a bound identity the session gets a tenant that owns nothing, so it reads nothing.
 */
public class TenantIdentifierResolver implements CurrentTenantIdentifierResolver<String> {

    /** Owns no rows: reads without an identity find nothing instead of everything. */
    public static final String NO_TENANT = "__no_tenant__";

    @Override
    public String resolveCurrentTenantIdentifier() {
        return IdentityContext.current().map(Identity::tenantId).orElse(NO_TENANT);
    }

    @Override
    public boolean validateExistingCurrentSessions() {
        return true;
    }
}
