package dev.supportplatform.crm.contact;

import java.time.Instant;

/** What a read shows of a contact, whether loaded as an entity (after a write) or by {@link ContactReads}. */
public record ContactData(String id, String name, String email, String phone, String company, String role,
                          String preferencesJson, String metadataJson, boolean active, Instant createdAt, Instant updatedAt) {

    public static ContactData of(Contact c) {
        return new ContactData(c.getId().toString(), c.getName(), c.getEmail(), c.getPhone(), c.getCompany(), c.getRole(),
                c.getPreferences(), c.getMetadata(), c.isActive(), c.getCreatedAt(), c.getUpdatedAt());
    }
}
