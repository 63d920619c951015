package dev.supportplatform.common.events.payload;

import java.util.List;

/** Events of crm-service (topic {@code crm.events}); the subject is the contact id. */
public final class CrmEvents {
    private CrmEvents() {
    }

    /**
     * Carries no profile data (name, email, phone, ...): events outlive an erasure on the topic until its retention
     * runs out, so they hold identifiers only; a consumer that needs a contact's details asks crm-service.
     */
    public record ContactCreated(String contactId, String externalId) {
    }

    public record ContactUpdated(String contactId, String externalId, boolean active) {
    }

    /** Every service removes or anonymises what it holds about these ids when it sees this. */
    public record ContactErased(String contactId, List<String> externalIds) {
    }
}
