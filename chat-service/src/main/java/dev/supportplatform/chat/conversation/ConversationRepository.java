package dev.supportplatform.chat.conversation;

import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.data.jpa.repository.JpaRepository;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

public interface ConversationRepository extends JpaRepository<Conversation, UUID> {
    Optional<Conversation> findByExternalId(String externalId);

    Optional<Conversation> findByNumber(long number);

    Page<Conversation> findAllByOrderByIsPinnedDescUpdatedAtDesc(Pageable pageable);

    Page<Conversation> findByContactExternalIdOrderByUpdatedAtDesc(String contact, Pageable pageable);

    List<Conversation> findByTicketId(String ticketId);

    List<Conversation> findByContactExternalIdIn(List<String> contacts);
}
