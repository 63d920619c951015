package dev.supportplatform.chat.conversation;

import dev.supportplatform.common.events.EventEnvelope;
import dev.supportplatform.common.events.payload.ChatEvents;
import dev.supportplatform.common.ids.Ids;
import dev.supportplatform.common.service.events.OutboxWriter;
import dev.supportplatform.common.service.identity.IdentityContext;
import dev.supportplatform.common.service.web.ApiException;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import org.springframework.data.domain.Page;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The one store of conversations and messages behind every contract. Every change that others react to publishes
 * its event through the outbox in the same transaction. Reads are tenant-scoped by Hibernate: another tenant's ids
 * are simply not found.
 */
@Service
public class ConversationService {

    private final ConversationRepository conversations;
    private final MessageRepository messages;
    private final AttachmentRepository attachments;
    private final SessionHistoryRepository sessions;
    private final FeedbackRepository feedback;
    private final OutboxWriter outbox;
    private final JdbcTemplate jdbc;
    private final EntityManager entityManager;
    private final Clock clock;

    public ConversationService(ConversationRepository conversations, MessageRepository messages, AttachmentRepository attachments,
                               SessionHistoryRepository sessions, FeedbackRepository feedback, OutboxWriter outbox,
                               JdbcTemplate jdbc, EntityManager entityManager, Clock clock) {
        this.conversations = conversations;
        this.messages = messages;
        this.attachments = attachments;
        this.sessions = sessions;
        this.feedback = feedback;
        this.outbox = outbox;
        this.jdbc = jdbc;
        this.entityManager = entityManager;
        this.clock = clock;
    }

    /** What a client asks for when it opens (or continues) a conversation. */
    public record OpenRequest(String externalId, String contactExternalId, String channel, String title, String agent) {
    }

    /**
     * The existing conversation with this external id, or a new one (emitting conversation.created). A conversation
     * opened without an id is known to its client by our UUID (its public id), which the client sends back to continue it.
     */
    @Transactional
    public Opened open(OpenRequest request) {
        if (request.externalId() != null) {
            Optional<Conversation> existing = conversations.findInTenantByExternalId(IdentityContext.requireTenant(), request.externalId())
                    .or(() -> byOurId(request.externalId()));
            if (existing.isPresent()) {
                Conversation conversation = existing.get();
                if (request.contactExternalId() != null) {
                    conversation.attachContact(request.contactExternalId());
                }
                return new Opened(conversation, false);
            }
        }
        Instant now = now();
        String title = request.title() != null && !request.title().isBlank() ? request.title() : "New conversation";
        Conversation conversation = new Conversation(Ids.uuidV7(), nextval("conversation_number_seq"), request.externalId(),
                request.contactExternalId(), request.channel(), title, request.agent(), now);
        // persist, not save: save would merge, reading the new id first to learn it is new (one more query). The flush
        // makes a concurrent first message with the same external id fail here, where the turn retries it.
        entityManager.persist(conversation);
        entityManager.flush();
        publish(conversation, new ChatEvents.ConversationCreated(conversation.publicId(), conversation.getContactExternalId(),
                conversation.getChannel(), conversation.getTitle()));
        return new Opened(conversation, true);
    }

    public record Opened(Conversation conversation, boolean created) {
    }

    /** By the id a client holds: its own external id, our UUID, or (digits only) the numeric id. */
    @Transactional(readOnly = true)
    public Conversation require(String ref) {
        return find(ref).orElseThrow(() -> ApiException.notFound("Conversation not found", "No conversation with id " + ref));
    }

    /** The conversation with this internal id (one the caller resolved already), from the transaction's cache if it is there. */
    @Transactional(readOnly = true)
    public Conversation get(UUID id) {
        return conversations.findById(id).orElseThrow(() -> ApiException.notFound("Conversation not found"));
    }

    /**
     * The conversation, locked until the transaction ends: concurrent turns in one conversation then update its
     * counters one after the other instead of overwriting each other (other conversations are not held up). A load by
     * id rather than a query: Hibernate does not cache query plans in sessions with a tenant filter, so every query is
     * translated to SQL again, and a second call in the same transaction finds the row locked already without asking
     * the database.
     */
    private Optional<Conversation> locked(UUID id) {
        return Optional.ofNullable(entityManager.find(Conversation.class, id, LockModeType.PESSIMISTIC_WRITE));
    }

    /** The conversation whose UUID {@code ref} is, when it is one (tenant-scoped: {@code @TenantId}). */
    private Optional<Conversation> byOurId(String ref) {
        if (ref.length() != 36) {
            return Optional.empty();
        }
        try {
            return conversations.findById(UUID.fromString(ref));
        } catch (IllegalArgumentException notUuid) {
            return Optional.empty();
        }
    }

    @Transactional(readOnly = true)
    public Optional<Conversation> find(String ref) {
        if (ref == null || ref.isBlank()) {
            return Optional.empty();
        }
        Optional<Conversation> byExternal = conversations.findInTenantByExternalId(IdentityContext.requireTenant(), ref);
        if (byExternal.isPresent()) {
            return byExternal;
        }
        if (ref.length() == 36) {
            return byOurId(ref);
        }
        if (ref.chars().allMatch(Character::isDigit) && ref.length() < 19) {
            return conversations.findByNumber(Long.parseLong(ref));
        }
        return Optional.empty();
    }

    @Transactional(readOnly = true)
    public Conversation requireNumber(long number) {
        return conversations.findByNumber(number)
                .orElseThrow(() -> ApiException.notFound("Conversation not found", "No conversation with id " + number));
    }

    @Transactional(readOnly = true)
    public Page<Conversation> list(int offset, int limit) {
        return conversations.findAllByOrderByIsPinnedDescUpdatedAtDesc(OffsetPage.of(offset, limit));
    }

    @Transactional(readOnly = true)
    public Page<Conversation> listForContact(String contactExternalId, int offset, int limit) {
        return conversations.findByContactExternalIdOrderByUpdatedAtDesc(contactExternalId, OffsetPage.of(offset, limit));
    }

    /** A page of messages in order; reading them clears the unread count. */
    @Transactional
    public Page<Message> messages(UUID conversationId, int offset, int limit) {
        Page<Message> page = messages.findByConversationIdOrderByIdAsc(conversationId, OffsetPage.of(offset, limit));
        conversations.findById(conversationId).ifPresent(Conversation::messagesRead);
        return page;
    }

    @Transactional(readOnly = true)
    public List<Message> recentMessages(UUID conversationId) {
        return messages.findLatest40InTenant(IdentityContext.requireTenant(), conversationId).reversed();
    }

    @Transactional(readOnly = true)
    public Optional<Message> lastMessage(UUID conversationId) {
        return Optional.ofNullable(messages.findFirstByConversationIdOrderByIdDesc(conversationId));
    }

    @Transactional(readOnly = true)
    public List<Attachment> attachmentsOf(Collection<Long> messageIds) {
        return messageIds.isEmpty() ? List.of() : attachments.findByMessageIdIn(messageIds);
    }

    @Transactional(readOnly = true)
    public List<SessionHistory> sessionHistory(UUID conversationId) {
        return sessions.findByConversationIdOrderByIdAsc(conversationId);
    }

    /** A new file reference on a message of this tenant. */
    public record NewAttachment(String fileName, String fileType, Long fileSize, String filePath) {
    }

    /**
     * Appends a message. A user message emits message.received; AI and agent answers are announced by the caller
     * (the turn knows the facts message.answered carries).
     */
    @Transactional
    public Message append(UUID conversationId, String sender, String content, String messageType, MessageFacts facts,
                          String metadataJson, List<NewAttachment> files) {
        Conversation conversation = locked(conversationId).orElseThrow(() -> ApiException.notFound("Conversation not found"));
        Instant now = now();
        Message message = new Message(nextval("message_id_seq"), conversationId, sender, content, messageType, now);
        if (facts != null) {
            message.describe(facts, metadataJson);
        }
        entityManager.persist(message); // not save: it would merge, reading the new id first to learn it is new
        for (NewAttachment file : files == null ? List.<NewAttachment>of() : files) {
            attachments.save(new Attachment(message.getId(), file.fileName(), file.fileType(), file.fileSize(), file.filePath(), now));
        }
        conversation.messageAdded(sender, now);
        SessionHistory session = sessions.findOpenInTenant(IdentityContext.requireTenant(), conversationId)
                .orElseGet(() -> sessions.save(new SessionHistory(conversationId, now)));
        session.countMessage();
        if (Message.USER.equals(sender)) {
            publish(conversation, new ChatEvents.MessageReceived(conversation.publicId(), Long.toString(message.getId()),
                    conversation.getContactExternalId(), conversation.getChannel(), content));
        }
        return message;
    }

    /** Records the intent detected in a user message stored earlier (conversations.md stores it before asking for the answer). */
    @Transactional
    public void recordIntent(Message message, String intent, Double confidence) {
        messages.findById(message.getId()).ifPresent(m -> m.recordIntent(intent, confidence));
    }

    /** Announces an answer (AI or human) with what analytics counts. */
    @Transactional(propagation = org.springframework.transaction.annotation.Propagation.MANDATORY)
    public void announceAnswer(Conversation conversation, ChatEvents.MessageAnswered answered) {
        publish(conversation, answered);
    }

    @Transactional
    public void recordConfidence(UUID conversationId, boolean low) {
        locked(conversationId).ifPresent(c -> c.recordConfidence(low));
    }

    /** Marks the conversation escalated (emitting conversation.escalated) once a ticket exists or was attempted. */
    @Transactional
    public Conversation escalate(UUID conversationId, String reason, String ticketId, String ticketStatus) {
        Conversation conversation = conversations.findById(conversationId).orElseThrow();
        conversation.escalate(reason, ticketId, ticketStatus, now());
        publish(conversation, new ChatEvents.ConversationEscalated(conversation.publicId(), conversation.getContactExternalId(),
                reason, ticketId, null));
        return conversation;
    }

    /** A ticket's status changed in the escalation service; resolved/closed hands the conversation back to the AI. */
    @Transactional
    public List<Conversation> ticketUpdated(String ticketId, String status, String assignedAgent) {
        List<Conversation> affected = conversations.findByTicketId(ticketId);
        for (Conversation conversation : affected) {
            boolean wasHuman = conversation.humanHandling();
            conversation.ticketUpdated(status, assignedAgent, now());
            if (wasHuman && !conversation.humanHandling()) {
                publish(conversation, new ChatEvents.ConversationResolved(conversation.publicId(),
                        conversation.getContactExternalId(), "human"));
            }
        }
        return affected;
    }

    @Transactional(readOnly = true)
    public List<Conversation> byTicket(String ticketId) {
        return conversations.findByTicketId(ticketId);
    }

    public record Changes(String title, Boolean pinned, Boolean archived, String status, String agent) {
    }

    @Transactional
    public Conversation update(UUID conversationId, Changes changes) {
        Conversation conversation = conversations.findById(conversationId).orElseThrow(() -> ApiException.notFound("Conversation not found"));
        if (changes.status() != null && !List.of(Conversation.ACTIVE, Conversation.CLOSED, "archived").contains(changes.status())) {
            throw ApiException.invalid("status", "status must be one of active, closed, archived");
        }
        conversation.update(changes.title(), changes.pinned(), changes.archived(), changes.status(), changes.agent(), now());
        return conversation;
    }

    @Transactional
    public void assignPersona(UUID conversationId, UUID personaId, String agentName) {
        conversations.findById(conversationId).ifPresent(c -> c.assignPersona(personaId, agentName));
    }

    /** Closes the session (emitting session.closed); the conversation and its messages are kept. */
    @Transactional
    public Conversation close(UUID conversationId) {
        Conversation conversation = conversations.findById(conversationId).orElseThrow(() -> ApiException.notFound("Conversation not found"));
        Instant now = now();
        sessions.findOpenInTenant(IdentityContext.requireTenant(), conversationId).ifPresent(s -> s.end(now));
        conversation.close(now);
        long minutes = Duration.between(conversation.getCreatedAt(), now).toMinutes();
        publish(conversation, new ChatEvents.SessionClosed(conversation.publicId(), conversation.publicId(),
                conversation.getContactExternalId(), minutes, conversation.getTotalMessages(), conversation.isEscalated()));
        return conversation;
    }

    /** Deletes the conversation with its messages, attachments, history and feedback; returns the message count. */
    @Transactional
    public int delete(UUID conversationId) {
        Conversation conversation = conversations.findById(conversationId).orElseThrow(() -> ApiException.notFound("Conversation not found"));
        int count = (int) messages.countByConversationId(conversationId);
        if (conversation.getClosedAt() == null) {
            publish(conversation, new ChatEvents.SessionClosed(conversation.publicId(), conversation.publicId(),
                    conversation.getContactExternalId(), Duration.between(conversation.getCreatedAt(), now()).toMinutes(),
                    conversation.getTotalMessages(), conversation.isEscalated()));
        }
        conversations.delete(conversation);
        return count;
    }

    @Transactional
    public Feedback rate(UUID conversationId, Long messageId, int rating, String comment) {
        if (rating < 1 || rating > 5) {
            throw ApiException.invalid("rating", "rating must be between 1 and 5");
        }
        Conversation conversation = conversations.findById(conversationId).orElseThrow(() -> ApiException.notFound("Conversation not found"));
        if (messageId != null && messages.findById(messageId).filter(m -> m.getConversationId().equals(conversationId)).isEmpty()) {
            throw ApiException.notFound("Message not found", "No message " + messageId + " in this conversation");
        }
        Feedback saved = feedback.save(new Feedback(conversationId, messageId, rating, comment, now()));
        publish(conversation, new ChatEvents.FeedbackSubmitted(conversation.publicId(), conversation.getContactExternalId(), rating, comment));
        return saved;
    }

    /**
     * Erases what a contact said: their conversations are deleted (contact.erased), and so are the relayed outbox copies
     * of their events (message text, the contact's ids); Kafka's copies expire with the topic's retention.
     */
    @Transactional
    public int eraseContact(List<String> externalIds) {
        List<Conversation> found = conversations.findByContactExternalIdIn(externalIds);
        conversations.deleteAll(found);
        String[] subjects = found.stream().map(c -> c.getId().toString()).toArray(String[]::new);
        jdbc.update("delete from event_outbox where published_at is not null and message_key = any(?)", (Object) subjects);
        return found.size();
    }

    public record SearchHit(long messageId, long conversationNumber, String conversationId, String content, String sender,
                            Instant createdAt, double rank) {
    }

    /** PostgreSQL full-text search over this tenant's messages, best match first. */
    @Transactional(readOnly = true)
    public SearchPage search(String query, int offset, int limit) {
        String tenant = IdentityContext.requireTenant();
        String from = " from message m join conversation c on c.id = m.conversation_id, websearch_to_tsquery('english', ?) q"
                + " where m.tenant_id = ? and m.search @@ q";
        long total = jdbc.queryForObject("select count(*)" + from, Long.class, query, tenant);
        List<SearchHit> hits = jdbc.query("select m.id, c.number, coalesce(c.external_id, c.id::text) as cid, m.content, m.sender,"
                        + " m.created_at, ts_rank(m.search, q) as rank" + from + " order by rank desc, m.id desc limit ? offset ?",
                (rs, i) -> new SearchHit(rs.getLong("id"), rs.getLong("number"), rs.getString("cid"), rs.getString("content"),
                        rs.getString("sender"), rs.getTimestamp("created_at").toInstant(), rs.getDouble("rank")),
                query, tenant, limit, offset);
        return new SearchPage(hits, total);
    }

    public record SearchPage(List<SearchHit> hits, long total) {
    }

    private void publish(Conversation conversation, Record payload) {
        outbox.publish(EventEnvelope.of(IdentityContext.requireTenant(), conversation.getId().toString(), payload));
    }

    private long nextval(String sequence) {
        return jdbc.queryForObject("select nextval('" + sequence + "')", Long.class);
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }

    /** Offset/limit pagination as the contracts express it, over Spring Data's page requests. */
    static final class OffsetPage {
        private OffsetPage() {
        }

        static org.springframework.data.domain.Pageable of(int offset, int limit) {
            return new OffsetPageable(offset, limit);
        }
    }
}
