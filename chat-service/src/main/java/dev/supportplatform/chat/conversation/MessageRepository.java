package dev.supportplatform.chat.conversation;

import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.data.jpa.repository.JpaRepository;

import java.util.List;
import java.util.UUID;

public interface MessageRepository extends JpaRepository<Message, Long> {
    Page<Message> findByConversationIdOrderByIdAsc(UUID conversationId, Pageable pageable);

    List<Message> findTop40ByConversationIdOrderByIdDesc(UUID conversationId);

    Message findFirstByConversationIdOrderByIdDesc(UUID conversationId);

    long countByConversationId(UUID conversationId);
}
