package dev.supportplatform.escalation.ticket;

import dev.supportplatform.common.events.EventEnvelope;
import dev.supportplatform.common.events.payload.EscalationEvents;
import dev.supportplatform.common.ids.Ids;
import dev.supportplatform.common.service.events.OutboxWriter;
import dev.supportplatform.common.service.web.ApiException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.stream.Collectors;

/** Ticket lifecycle: creation, status and assignment changes, notes and agent replies, each with its events. */
@Service
public class TicketService {

    private final TicketRepository tickets;
    private final SlaTargets sla;
    private final SlaBreaches breaches;
    private final OutboxWriter outbox;
    private final JdbcTemplate jdbc;
    private final Clock clock;

    public TicketService(TicketRepository tickets, SlaTargets sla, SlaBreaches breaches, OutboxWriter outbox, JdbcTemplate jdbc) {
        this.tickets = tickets;
        this.sla = sla;
        this.breaches = breaches;
        this.outbox = outbox;
        this.jdbc = jdbc;
        this.clock = Clock.systemUTC();
    }

    public record NewTicket(String sessionId, Reason reason, Priority priority, Double customerSentiment, Double queryComplexity,
                            String additionalContext, String customerId, String conversationId, boolean test) {
    }

    /** Test tickets publish no events: they must not hand a real conversation over or fire webhooks. */
    @Transactional
    public Ticket create(String tenantId, NewTicket n) {
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        int year = now.atZone(ZoneOffset.UTC).getYear();
        String ticketId = "TKT-%d-%06d".formatted(year, tickets.nextNumber(tenantId, year));
        int target = sla.minutesFor(tenantId, n.priority());
        Ticket t = new Ticket(Ids.uuidV7(), tenantId, ticketId, n.sessionId(), n.conversationId(), n.customerId(), n.reason(),
                n.priority(), Status.OPEN, n.customerSentiment(), n.queryComplexity(), n.additionalContext(), null, null, null,
                n.test(), target, now.plus(target, ChronoUnit.MINUTES), null, null, now, now);
        tickets.insert(t);
        if (!n.test()) {
            outbox.publish(EventEnvelope.of(tenantId, ticketId, new EscalationEvents.EscalationCreated(ticketId, t.sessionId(),
                    t.conversationId(), t.customerId(), t.priority().wire(), t.reason().wire())));
        }
        return t;
    }

    public Ticket get(String tenantId, String ticketId) {
        return tickets.find(tenantId, ticketId).orElseThrow(() -> notFound(ticketId));
    }

    /**
     * A change requested through PUT or one of the queue actions; null fields stay as they are.
     *
     * @param status the status to move to; when absent, naming an agent on an open ticket assigns it
     */
    public record Change(Status status, String assignedAgent, String resolutionNotes, Integer customerSatisfaction) {
    }

    @Transactional
    public Ticket change(String tenantId, String ticketId, Change c) {
        Ticket t = tickets.lock(tenantId, ticketId).orElseThrow(() -> notFound(ticketId));
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        Status target = c.status() != null ? c.status()
                : c.assignedAgent() != null && t.status() == Status.OPEN ? Status.ASSIGNED : t.status();
        if (!t.status().canBecome(target)) {
            throw illegalTransition(t.status(), target);
        }
        String agent = c.assignedAgent() != null ? c.assignedAgent() : t.assignedAgent();
        if (target == Status.OPEN) {
            // Released or reopened: back in the queue for anyone.
            if (c.assignedAgent() != null) {
                throw ApiException.invalid("assigned_agent", "An open ticket has no assigned agent; omit assigned_agent to release it");
            }
            agent = null;
        }
        if (target == Status.ASSIGNED && agent == null) {
            throw ApiException.invalid("assigned_agent", "assigned_agent is required to assign a ticket");
        }
        Integer satisfaction = c.customerSatisfaction() != null ? c.customerSatisfaction() : t.customerSatisfaction();
        if (c.customerSatisfaction() != null && target != Status.RESOLVED && target != Status.CLOSED) {
            throw ApiException.conflict("Customer satisfaction can only be recorded on a resolved or closed ticket (ticket is "
                    + target.wire() + ")");
        }
        String notes = c.resolutionNotes() != null ? c.resolutionNotes() : t.resolutionNotes();
        boolean resolving = (target == Status.RESOLVED || target == Status.CLOSED) && t.status().active();
        Instant firstResponse = t.firstResponseAt() == null && resolving ? now : t.firstResponseAt();
        Instant resolvedAt = target == Status.OPEN || target == Status.ASSIGNED ? null
                : t.resolvedAt() != null ? t.resolvedAt() : now;
        Ticket updated = t.with(target, agent, notes, satisfaction, firstResponse, resolvedAt, now);
        boolean visible = target != t.status() || !Objects.equals(agent, t.assignedAgent())
                || !Objects.equals(satisfaction, t.customerSatisfaction());
        if (!visible && Objects.equals(notes, t.resolutionNotes())) {
            return t;
        }
        tickets.update(updated);
        if (t.firstResponseAt() == null && firstResponse != null) {
            // Resolving answers the ticket: a late answer is a breach the scan may not have seen yet.
            breaches.onFirstResponse(t.id(), firstResponse);
        }
        if (visible && !t.test()) {
            outbox.publish(EventEnvelope.of(tenantId, ticketId, new EscalationEvents.EscalationUpdated(ticketId, t.sessionId(),
                    t.conversationId(), t.customerId(), target.wire(), agent, satisfaction)));
        }
        return updated;
    }

    public record Note(UUID id, String author, String content, Instant createdAt) {
    }

    @Transactional
    public Note addNote(String tenantId, String ticketId, String author, String content) {
        Ticket t = tickets.lock(tenantId, ticketId).orElseThrow(() -> notFound(ticketId));
        Note note = new Note(Ids.uuidV7(), author, content, clock.instant().truncatedTo(ChronoUnit.MICROS));
        jdbc.update("insert into ticket_note (id, tenant_id, ticket, author, content, created_at) values (?, ?, ?, ?, ?, ?)",
                note.id(), tenantId, t.id(), author, content, TicketRepository.ts(note.createdAt()));
        jdbc.update("update ticket set updated_at = ? where id = ?", TicketRepository.ts(note.createdAt()), t.id());
        return note;
    }

    public List<Note> notes(String tenantId, String ticketId) {
        Ticket t = get(tenantId, ticketId);
        return jdbc.query("select id, author, content, created_at from ticket_note where ticket = ? and tenant_id = ? order by created_at, id",
                (rs, i) -> new Note(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3), TicketRepository.instant(rs, "created_at")),
                t.id(), tenantId);
    }

    public record AgentMessage(UUID id, String agentId, String content, Instant createdAt) {
    }

    /**
     * A human agent's reply to the customer, published as escalation.agent_replied for chat-service to deliver into the
     * conversation. Only while the ticket is open or assigned: after resolution the AI has the conversation back.
     */
    @Transactional
    public AgentMessage reply(String tenantId, String ticketId, String agentId, String content) {
        Ticket t = tickets.lock(tenantId, ticketId).orElseThrow(() -> notFound(ticketId));
        if (!t.status().active()) {
            throw ApiException.conflict("Ticket " + ticketId + " is " + t.status().wire()
                    + ": agent replies are accepted only while it is open or assigned");
        }
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        AgentMessage message = new AgentMessage(Ids.uuidV7(), agentId, content, now);
        jdbc.update("insert into ticket_message (id, tenant_id, ticket, agent_id, content, created_at) values (?, ?, ?, ?, ?, ?)",
                message.id(), tenantId, t.id(), agentId, content, TicketRepository.ts(now));
        jdbc.update("update ticket set first_response_at = coalesce(first_response_at, ?), updated_at = ? where id = ?",
                TicketRepository.ts(now), TicketRepository.ts(now), t.id());
        if (t.firstResponseAt() == null) {
            breaches.onFirstResponse(t.id(), now);
        }
        if (!t.test()) {
            outbox.publish(EventEnvelope.of(tenantId, ticketId, new EscalationEvents.AgentReplied(ticketId, t.sessionId(),
                    t.conversationId(), t.customerId(), agentId, message.id().toString(), content)));
        }
        return message;
    }

    public List<AgentMessage> messages(String tenantId, String ticketId) {
        Ticket t = get(tenantId, ticketId);
        return jdbc.query("select id, agent_id, content, created_at from ticket_message where ticket = ? and tenant_id = ? order by created_at, id",
                (rs, i) -> new AgentMessage(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3), TicketRepository.instant(rs, "created_at")),
                t.id(), tenantId);
    }

    public TicketRepository.Page queue(String tenantId, QueueFilter filter) {
        return tickets.search(tenantId, filter, clock.instant());
    }

    public Instant now() {
        return clock.instant();
    }

    private static ApiException notFound(String ticketId) {
        return ApiException.notFound("Ticket not found: " + ticketId, "No escalation ticket " + ticketId + " exists for this tenant");
    }

    private static ApiException illegalTransition(Status from, Status to) {
        String allowed = from.next().isEmpty() ? "none (closed is final)"
                : from.next().stream().map(Status::wire).collect(Collectors.joining(", "));
        return new ApiException(dev.supportplatform.common.dialect.ApiError.of(dev.supportplatform.common.dialect.ErrorKind.CONFLICT,
                "Illegal status transition from " + from.wire() + " to " + to.wire(),
                "A " + from.wire() + " ticket can move to: " + allowed));
    }
}
