package dev.supportplatform.chat.conversation;

import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import jakarta.persistence.LockModeType;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Lock;
import org.springframework.data.jpa.repository.Query;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

public interface ConversationRepository extends JpaRepository<Conversation, UUID> {
    Optional<Conversation> findByExternalId(String externalId);

    /**
     * The conversation, locked until the transaction ends: concurrent turns in one conversation then update its
     * counters one after the other instead of overwriting each other (other conversations are not held up).
     */
    @Lock(LockModeType.PESSIMISTIC_WRITE)
    @Query("select c from Conversation c where c.id = :id")
    Optional<Conversation> findForUpdate(UUID id);

    Optional<Conversation> findByNumber(long number);

    Page<Conversation> findAllByOrderByIsPinnedDescUpdatedAtDesc(Pageable pageable);

    Page<Conversation> findByContactExternalIdOrderByUpdatedAtDesc(String contact, Pageable pageable);

    List<Conversation> findByTicketId(String ticketId);

    List<Conversation> findByContactExternalIdIn(List<String> contacts);
}
