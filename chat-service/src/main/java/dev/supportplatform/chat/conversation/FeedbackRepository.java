package dev.supportplatform.chat.conversation;

import org.springframework.data.jpa.repository.JpaRepository;

import java.util.List;
import java.util.UUID;

public interface FeedbackRepository extends JpaRepository<Feedback, Long> {
    List<Feedback> findByConversationIdOrderByIdAsc(UUID conversationId);
}
