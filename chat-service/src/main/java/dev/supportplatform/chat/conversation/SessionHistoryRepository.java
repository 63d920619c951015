package dev.supportplatform.chat.conversation;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

public interface SessionHistoryRepository extends JpaRepository<SessionHistory, Long> {
    /** The conversation's open session, the latest if ever there were two (SQL for the reason given in ConversationRepository). */
    @Query(value = "select * from chat_session_history where tenant_id = ?1 and conversation_id = ?2 and session_end is null"
            + " order by id desc limit 1", nativeQuery = true)
    Optional<SessionHistory> findOpenInTenant(String tenantId, UUID conversationId);

    List<SessionHistory> findByConversationIdOrderByIdAsc(UUID conversationId);
}
