package dev.supportplatform.chat.conversation;

import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

public interface ConversationRepository extends JpaRepository<Conversation, UUID> {
    // The finders a chat turn runs (this one, the latest messages, the open session, the personas) are SQL with the
    // tenant spelled out because Hibernate caches no query plan in a session with the tenant filter on: a JPQL or
    // derived query is translated to SQL again on every call (the open-session finder alone was a tenth of
    // chat-service's Java profile samples under load). Native SQL bypasses that filter, hence the explicit tenant_id,
    // which callers pass from IdentityContext.
    @Query(value = "select * from conversation where tenant_id = ?1 and external_id = ?2", nativeQuery = true)
    Optional<Conversation> findInTenantByExternalId(String tenantId, String externalId);

    Optional<Conversation> findByNumber(long number);

    Page<Conversation> findAllByOrderByIsPinnedDescUpdatedAtDesc(Pageable pageable);

    Page<Conversation> findByContactExternalIdOrderByUpdatedAtDesc(String contact, Pageable pageable);

    List<Conversation> findByTicketId(String ticketId);

    List<Conversation> findByContactExternalIdIn(List<String> contacts);
}
