package dev.supportplatform.crm.contact;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Tenant-scoped by Hibernate: every query below gets {@code tenant_id = <current tenant>} added. */
public interface ContactRepository extends JpaRepository<Contact, UUID> {

    @Query("select c from Contact c where c.id = :id")
    Optional<Contact> findInTenant(UUID id);

    @Query("select c from Contact c where lower(c.email) = lower(:email)")
    Optional<Contact> findByEmail(String email);

    @Query("select c from Contact c, ContactExternalId x where x.externalId = :externalId and c.id = x.contactId")
    Optional<Contact> findByExternalId(String externalId);

    @Query("select x from ContactExternalId x where x.contactId = :contactId order by x.createdAt, x.externalId")
    List<ContactExternalId> externalIdsOf(UUID contactId);
}
