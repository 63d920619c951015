package dev.supportplatform.chat.conversation;

import org.springframework.data.jpa.repository.JpaRepository;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

public interface SessionHistoryRepository extends JpaRepository<SessionHistory, Long> {
    Optional<SessionHistory> findFirstByConversationIdAndSessionEndIsNullOrderByIdDesc(UUID conversationId);

    List<SessionHistory> findByConversationIdOrderByIdAsc(UUID conversationId);
}
