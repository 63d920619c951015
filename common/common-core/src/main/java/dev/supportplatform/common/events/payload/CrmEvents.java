package dev.supportplatform.common.events.payload;

import java.util.List;

/** Events of crm-service (topic {@code crm.events}); the subject is the contact id. */
public final class CrmEvents {
    private CrmEvents() {
    }

    public record ContactCreated(String contactId, String externalId, String name, String email) {
    }

    public record ContactUpdated(String contactId, String externalId, boolean active) {
    }

    /** Every service removes or anonymises what it holds about these ids when it sees this. */
    public record ContactErased(String contactId, List<String> externalIds) {
    }
}
