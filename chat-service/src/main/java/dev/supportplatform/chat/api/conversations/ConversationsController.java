package dev.supportplatform.chat.api.conversations;

import dev.supportplatform.chat.api.Paging;
import dev.supportplatform.chat.conversation.Attachment;
import dev.supportplatform.chat.conversation.Conversation;
import dev.supportplatform.chat.conversation.ConversationService;
import dev.supportplatform.chat.conversation.Message;
import dev.supportplatform.chat.conversation.SessionHistory;
import dev.supportplatform.chat.persona.BuiltInAgents;
import dev.supportplatform.chat.persona.Persona;
import dev.supportplatform.chat.persona.PersonaService;
import dev.supportplatform.chat.turn.TurnRequest;
import dev.supportplatform.chat.turn.TurnResult;
import dev.supportplatform.chat.turn.TurnService;
import dev.supportplatform.common.dialect.Envelopes;
import dev.supportplatform.common.service.web.ApiException;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;
import org.springframework.data.domain.Page;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** conversations.md: the /chat/conversations/** endpoints and /chat/search (its analytics live in analytics-service). */
@RestController
public class ConversationsController {

    private final ConversationService conversations;
    private final TurnService turns;
    private final PersonaService personas;

    public ConversationsController(ConversationService conversations, TurnService turns, PersonaService personas) {
        this.conversations = conversations;
        this.turns = turns;
        this.personas = personas;
    }

    @GetMapping("/chat/conversations")
    public Map<String, Object> list(@RequestParam(defaultValue = "20") int limit, @RequestParam(defaultValue = "0") int offset) {
        Page<Conversation> page = conversations.list(Paging.offset(offset), Paging.limit(limit));
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("conversations", page.getContent().stream().map(this::summary).toList());
        data.put("total", page.getTotalElements());
        data.put("limit", limit);
        data.put("offset", offset);
        return Envelopes.conversations("Found " + page.getTotalElements() + " conversations", data);
    }

    /** {@code user_id} (an extension) names the contact; {@code external_id} lets other contracts find it by their id. */
    public record CreateBody(@Size(max = 255) String title, @PositiveOrZero Long agentId, @Size(max = 200) String userId,
                             @Size(max = 200) String externalId) {
    }

    @PostMapping("/chat/conversations")
    public Map<String, Object> create(@Valid @RequestBody CreateBody body) {
        String agent = agentName(body.agentId());
        if (body.externalId() != null && conversations.find(body.externalId()).isPresent()) {
            throw ApiException.conflict("A conversation with external id " + body.externalId() + " already exists");
        }
        Conversation c = conversations.open(new ConversationService.OpenRequest(body.externalId(), body.userId(), "chat",
                body.title(), agent)).conversation();
        if (body.agentId() != null && BuiltInAgents.byNumber(body.agentId()) == null) {
            personas.find(Long.toString(body.agentId())).ifPresent(p -> conversations.assignPersona(c.getId(), p.getId(), p.getName()));
        }
        return Envelopes.conversations("Conversation created successfully", Map.of("conversation_id", c.getNumber()));
    }

    @GetMapping("/chat/conversations/{id}")
    public Map<String, Object> get(@PathVariable long id) {
        Conversation c = conversations.requireNumber(id);
        Map<String, Object> data = summary(c);
        data.put("updated_at", c.getUpdatedAt().toString());
        data.put("escalated", c.isEscalated());
        data.put("ticket_id", c.getTicketId());
        data.put("external_id", c.getExternalId());
        data.put("session_history", conversations.sessionHistory(c.getId()).stream().map(ConversationsController::session).toList());
        return Envelopes.conversations("Conversation found", data);
    }

    public record UpdateBody(@Size(min = 1, max = 255) String title, Boolean isPinned, Boolean isArchived,
                             @Pattern(regexp = "active|closed|archived") String status, @PositiveOrZero Long agentId) {
    }

    @PutMapping("/chat/conversations/{id}")
    public Map<String, Object> update(@PathVariable long id, @Valid @RequestBody UpdateBody body) {
        Conversation c = conversations.requireNumber(id);
        conversations.update(c.getId(), new ConversationService.Changes(body.title(), body.isPinned(), body.isArchived(),
                body.status(), body.agentId() == null ? null : agentName(body.agentId())));
        return Envelopes.conversations("Conversation updated successfully", Map.of("conversation_id", c.getNumber()));
    }

    @DeleteMapping("/chat/conversations/{id}")
    public Map<String, Object> delete(@PathVariable long id) {
        Conversation c = conversations.requireNumber(id);
        conversations.delete(c.getId());
        return Envelopes.conversations("Conversation deleted successfully", Map.of("conversation_id", c.getNumber()));
    }

    @GetMapping("/chat/conversations/{id}/messages")
    public Map<String, Object> messages(@PathVariable long id, @RequestParam(defaultValue = "50") int limit,
                                        @RequestParam(defaultValue = "0") int offset) {
        Conversation c = conversations.requireNumber(id);
        Page<Message> page = conversations.messages(c.getId(), Paging.offset(offset), Paging.limit(limit));
        Map<Long, List<Attachment>> files = conversations.attachmentsOf(page.getContent().stream().map(Message::getId).toList())
                .stream().collect(Collectors.groupingBy(Attachment::getMessageId));
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("messages", page.getContent().stream().map(m -> message(c, m, files.getOrDefault(m.getId(), List.of()))).toList());
        data.put("total", page.getTotalElements());
        data.put("limit", limit);
        data.put("offset", offset);
        return Envelopes.conversations("Found " + page.getTotalElements() + " messages", data);
    }

    public record AttachmentBody(@NotBlank @Size(max = 255) String fileName, @Size(max = 100) String fileType,
                                 @PositiveOrZero Long fileSize, @Size(max = 2000) String filePath) {
    }

    /** {@code sender_type}: user (default) or agent (a human agent writing into the conversation). */
    public record AddMessageBody(String content, @Pattern(regexp = "user|agent") String senderType,
                                 List<@Valid AttachmentBody> attachments) {
    }

    @PostMapping("/chat/conversations/{id}/messages")
    public Map<String, Object> addMessage(@PathVariable long id, @Valid @RequestBody AddMessageBody body) {
        Conversation c = conversations.requireNumber(id);
        if (body.content() == null || body.content().isBlank()) {
            throw ApiException.invalid("content", "Missing required field: content");
        }
        if (body.content().length() > TurnService.MAX_MESSAGE_CHARS) {
            throw ApiException.invalid("content", "content must be at most " + TurnService.MAX_MESSAGE_CHARS + " characters");
        }
        String sender = "agent".equals(body.senderType()) ? Message.AGENT : Message.USER;
        List<ConversationService.NewAttachment> files = body.attachments() == null ? List.of() : body.attachments().stream()
                .map(a -> new ConversationService.NewAttachment(a.fileName(), a.fileType(), a.fileSize(), a.filePath())).toList();
        Message m = conversations.append(c.getId(), sender, body.content().strip(), "text", null, null, files);
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("message_id", m.getId());
        data.put("conversation_id", c.getNumber());
        data.put("content", m.getContent());
        data.put("sender", m.getSender());
        data.put("created_at", m.getCreatedAt().toString());
        return Envelopes.conversations("Message added successfully", data);
    }

    public record AiResponseBody(String message, @PositiveOrZero Long agentId, Boolean includeContext) {
    }

    @PostMapping("/chat/conversations/{id}/ai-response")
    public Map<String, Object> aiResponse(@PathVariable long id, @Valid @RequestBody AiResponseBody body) {
        Conversation c = conversations.requireNumber(id);
        String agent = body.agentId() == null ? null : agentName(body.agentId());
        TurnResult r = turns.handle(TurnRequest.of(null, null, c.getChannel(), body.message(), "message")
                .inConversation(c.getId().toString()).withAgent(agent));
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("message_id", r.answerMessage() == null ? null : r.answerMessage().getId());
        data.put("ai_response", r.response());
        data.put("tokens_used", r.tokensUsed());
        data.put("processing_time", r.responseTimeMs() / 1000.0);
        data.put("cost", r.costUsd());
        data.put("created_at", r.at().toString());
        data.put("agent_used", r.agent());
        data.put("model_used", r.model());
        data.put("confidence", r.confidence());
        data.put("sentiment_score", r.sentiment());
        data.put("complexity_score", r.complexity());
        data.put("intent", r.intentName());
        data.put("intent_confidence", r.intentConfidence());
        data.put("escalated", r.escalated());
        data.put("escalation_reason", r.escalationReason());
        data.put("ticket_id", r.ticketId());
        data.put("cached", r.cached());
        if (!Boolean.FALSE.equals(body.includeContext())) {
            data.put("sources", r.sources().stream().map(p -> Map.of("source", String.valueOf(p.source()), "score", p.score())).toList());
        }
        return Envelopes.conversations(r.handledByHuman() ? "A human agent will reply" : "AI response generated", data);
    }

    @GetMapping("/chat/search")
    public Map<String, Object> search(@RequestParam String query, @RequestParam(defaultValue = "20") int limit,
                                      @RequestParam(defaultValue = "0") int offset) {
        if (query.isBlank()) {
            throw ApiException.invalid("query", "query must not be empty");
        }
        if (query.length() > 500) {
            throw ApiException.invalid("query", "query must be at most 500 characters");
        }
        ConversationService.SearchPage page = conversations.search(query, Paging.offset(offset), Paging.limit(limit));
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("results", page.hits().stream().map(h -> {
            Map<String, Object> item = new LinkedHashMap<>();
            item.put("message_id", h.messageId());
            item.put("conversation_id", h.conversationNumber());
            item.put("content", h.content());
            item.put("sender", h.sender());
            item.put("created_at", h.createdAt().toString());
            item.put("rank", Math.round(h.rank() * 10000.0) / 10000.0);
            return item;
        }).toList());
        data.put("query", query);
        data.put("total", page.total());
        data.put("limit", limit);
        data.put("offset", offset);
        return Envelopes.conversations("Found " + page.total() + " results", data);
    }

    private String agentName(Long agentId) {
        if (agentId == null) {
            return null;
        }
        String builtIn = BuiltInAgents.byNumber(agentId);
        if (builtIn != null) {
            return builtIn;
        }
        return personas.find(Long.toString(agentId)).map(Persona::getName)
                .orElseThrow(() -> ApiException.notFound("Agent not found", "No agent with id " + agentId));
    }

    private Map<String, Object> summary(Conversation c) {
        Map<String, Object> item = new LinkedHashMap<>();
        item.put("id", c.getNumber());
        item.put("title", c.getTitle());
        item.put("user_id", c.getContactExternalId());
        item.put("agent_id", agentNumber(c));
        item.put("agent", c.getAgent());
        item.put("conversation_type", c.getConversationType());
        item.put("status", c.getStatus());
        item.put("is_archived", c.isArchived());
        item.put("is_pinned", c.isPinned());
        item.put("total_messages", c.getTotalMessages());
        item.put("unread_count", c.getUnreadCount());
        item.put("last_message_at", c.getLastMessageAt() == null ? null : c.getLastMessageAt().toString());
        item.put("created_at", c.getCreatedAt().toString());
        return item;
    }

    private Long agentNumber(Conversation c) {
        if (c.getPersonaId() != null) {
            return personas.findById(c.getPersonaId()).map(Persona::getNumber).orElse(null);
        }
        return BuiltInAgents.number(c.getAgent());
    }

    private static Map<String, Object> message(Conversation c, Message m, List<Attachment> files) {
        Map<String, Object> item = new LinkedHashMap<>();
        item.put("id", m.getId());
        item.put("conversation_id", c.getNumber());
        item.put("content", m.getContent());
        item.put("content_type", m.getContentType());
        // conversations.md has two senders: the customer ("user") and whoever answers ("agent", AI or human).
        item.put("sender", Message.USER.equals(m.getSender()) ? "user" : "agent");
        item.put("sender_kind", Message.AGENT.equals(m.getSender()) ? "human" : Message.USER.equals(m.getSender()) ? "user" : "ai");
        item.put("message_type", m.getMessageType());
        item.put("status", m.getStatus());
        item.put("tokens_used", m.getTokensUsed());
        item.put("processing_time", m.getProcessingTimeMs() == null ? null : m.getProcessingTimeMs() / 1000.0);
        item.put("created_at", m.getCreatedAt().toString());
        item.put("attachments", files.stream().map(a -> {
            Map<String, Object> f = new LinkedHashMap<>();
            f.put("id", a.getId());
            f.put("file_name", a.getFileName());
            f.put("file_type", a.getFileType());
            f.put("file_size", a.getFileSize());
            f.put("file_path", a.getFilePath());
            f.put("created_at", a.getCreatedAt().toString());
            return f;
        }).toList());
        return item;
    }

    private static Map<String, Object> session(SessionHistory s) {
        Map<String, Object> item = new LinkedHashMap<>();
        item.put("id", s.getId());
        item.put("session_start", s.getSessionStart().toString());
        item.put("session_end", s.getSessionEnd() == null ? null : s.getSessionEnd().toString());
        item.put("messages_count", s.getMessagesCount());
        item.put("duration_minutes", s.getDurationMinutes());
        return item;
    }
}
