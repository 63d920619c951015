package dev.supportplatform.chat.conversation;

import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;

import java.util.List;
import java.util.UUID;

public interface MessageRepository extends JpaRepository<Message, Long> {
    Page<Message> findByConversationIdOrderByIdAsc(UUID conversationId, Pageable pageable);

    /** The conversation's latest 40 messages, newest first (SQL for the reason given in ConversationRepository). */
    @Query(value = "select * from message where tenant_id = ?1 and conversation_id = ?2 order by id desc limit 40", nativeQuery = true)
    List<Message> findLatest40InTenant(String tenantId, UUID conversationId);

    Message findFirstByConversationIdOrderByIdDesc(UUID conversationId);

    long countByConversationId(UUID conversationId);
}
