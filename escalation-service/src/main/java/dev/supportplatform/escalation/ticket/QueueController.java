package dev.supportplatform.escalation.ticket;

import dev.supportplatform.common.service.identity.IdentityContext;
import dev.supportplatform.common.service.web.ApiException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * The human agents' side of escalation (support.md's dialect, under /api/escalation): the queue with filters and
 * SLA state, assignment, internal notes, resolution, satisfaction, and replies that reach the customer's conversation.
 */
@RestController
@Tag(name = "Escalation queue", description = "Human agents: list, filter, assign, annotate, reply to and resolve tickets")
public class QueueController {

    private final TicketService service;

    public QueueController(TicketService service) {
        this.service = service;
    }

    public record QueuePage(List<TicketViews.QueueItem> tickets, long total, int page, int pageSize, long totalPages) {
    }

    @GetMapping("/api/escalation/queue")
    @Operation(summary = "List tickets for human agents",
            description = "Filters combine with AND; list-valued filters take comma-separated values. Each item carries its "
                    + "SLA state (target, due time, first response, breached).")
    public QueuePage queue(
            @Parameter(description = "open, assigned, resolved, closed (comma-separated); default: all")
            @RequestParam(required = false) String status,
            @Parameter(description = "low, medium, high, urgent (comma-separated)") @RequestParam(required = false) String priority,
            @Parameter(description = "escalation reasons (comma-separated)") @RequestParam(required = false) String reason,
            @Parameter(description = "agent id the ticket is assigned to") @RequestParam(required = false) String assignee,
            @Parameter(description = "true: only tickets without an agent") @RequestParam(required = false) Boolean unassigned,
            @Parameter(description = "only tickets at least this many minutes old") @RequestParam(name = "min_age_minutes", required = false) @Min(0) Integer minAgeMinutes,
            @Parameter(description = "only tickets at most this many minutes old") @RequestParam(name = "max_age_minutes", required = false) @Min(0) Integer maxAgeMinutes,
            @Parameter(description = "true: only breached SLAs; false: only tickets within SLA") @RequestParam(name = "sla_breached", required = false) Boolean slaBreached,
            @Parameter(description = "oldest (default), newest, sla_due, priority") @RequestParam(required = false, defaultValue = "oldest") String sort,
            @RequestParam(required = false, defaultValue = "1") @Min(1) int page,
            @RequestParam(name = "page_size", required = false, defaultValue = "20") @Min(1) @Max(100) int pageSize) {
        QueueFilter.Sort order;
        try {
            order = QueueFilter.Sort.valueOf(sort.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw ApiException.invalid("sort", "Invalid sort: " + sort + " (expected oldest, newest, sla_due or priority)");
        }
        QueueFilter filter = new QueueFilter(list(status, "status", Status::parse), list(priority, "priority", Priority::parse),
                list(reason, "reason", Reason::parse), TicketController.blankToNull(assignee), unassigned, minAgeMinutes,
                maxAgeMinutes, slaBreached, order, page, pageSize);
        String tenant = IdentityContext.requireTenant();
        TicketRepository.Page result = service.queue(tenant, filter);
        Instant now = service.now();
        return new QueuePage(result.tickets().stream().map(t -> TicketViews.QueueItem.of(t, now)).toList(), result.total(),
                page, pageSize, (result.total() + pageSize - 1) / pageSize);
    }

    @GetMapping("/api/escalation/{ticketId}/details")
    @Operation(summary = "One ticket as the queue shows it, with SLA state")
    public TicketViews.QueueItem details(@PathVariable String ticketId) {
        return TicketViews.QueueItem.of(service.get(IdentityContext.requireTenant(), ticketId), service.now());
    }

    public record AssignRequest(@NotBlank @Size(max = 200) String agentId) {
    }

    @PostMapping("/api/escalation/{ticketId}/assign")
    @Operation(summary = "Assign (or reassign) a ticket to an agent; open -> assigned")
    public TicketViews.QueueItem assign(@PathVariable String ticketId, @Valid @RequestBody AssignRequest body) {
        return item(service.change(IdentityContext.requireTenant(), ticketId,
                new TicketService.Change(Status.ASSIGNED, body.agentId(), null, null)));
    }

    @PostMapping("/api/escalation/{ticketId}/release")
    @Operation(summary = "Take the agent off a ticket; assigned -> open")
    public TicketViews.QueueItem release(@PathVariable String ticketId) {
        return item(service.change(IdentityContext.requireTenant(), ticketId, new TicketService.Change(Status.OPEN, null, null, null)));
    }

    public record ResolveRequest(@Size(max = 10_000) String resolutionNotes, @Size(max = 200) String agentId) {
    }

    @PostMapping("/api/escalation/{ticketId}/resolve")
    @Operation(summary = "Resolve a ticket; the conversation goes back to the AI")
    public TicketViews.QueueItem resolve(@PathVariable String ticketId, @Valid @RequestBody(required = false) ResolveRequest body) {
        ResolveRequest b = body != null ? body : new ResolveRequest(null, null);
        return item(service.change(IdentityContext.requireTenant(), ticketId,
                new TicketService.Change(Status.RESOLVED, TicketController.blankToNull(b.agentId()), b.resolutionNotes(), null)));
    }

    @PostMapping("/api/escalation/{ticketId}/close")
    @Operation(summary = "Close a ticket (final)")
    public TicketViews.QueueItem close(@PathVariable String ticketId) {
        return item(service.change(IdentityContext.requireTenant(), ticketId, new TicketService.Change(Status.CLOSED, null, null, null)));
    }

    public record SatisfactionRequest(@NotNull @Min(1) @Max(5) Integer rating) {
    }

    @PostMapping("/api/escalation/{ticketId}/satisfaction")
    @Operation(summary = "Record the customer's satisfaction (1-5) with a resolved or closed ticket")
    public TicketViews.QueueItem satisfaction(@PathVariable String ticketId, @Valid @RequestBody SatisfactionRequest body) {
        String tenant = IdentityContext.requireTenant();
        Ticket t = service.get(tenant, ticketId);
        return item(service.change(tenant, ticketId, new TicketService.Change(t.status(), null, null, body.rating())));
    }

    public record NoteRequest(@NotBlank @Size(max = 200) String author, @NotBlank @Size(max = 10_000) String content) {
    }

    @PostMapping("/api/escalation/{ticketId}/notes")
    @Operation(summary = "Add an internal note (never shown to the customer)")
    public TicketService.Note addNote(@PathVariable String ticketId, @Valid @RequestBody NoteRequest body) {
        return service.addNote(IdentityContext.requireTenant(), ticketId, body.author(), body.content());
    }

    public record Notes(String ticketId, List<TicketService.Note> notes) {
    }

    @GetMapping("/api/escalation/{ticketId}/notes")
    @Operation(summary = "A ticket's internal notes, oldest first")
    public Notes notes(@PathVariable String ticketId) {
        return new Notes(ticketId, service.notes(IdentityContext.requireTenant(), ticketId));
    }

    public record MessageRequest(@NotBlank @Size(max = 200) String agentId, @NotBlank @Size(max = 10_000) String content) {
    }

    @PostMapping("/api/escalation/{ticketId}/messages")
    @Operation(summary = "Reply to the customer as a human agent",
            description = "Published as escalation.agent_replied; chat-service stores it in the conversation as an agent "
                    + "message and pushes it to the customer's live SSE/WebSocket listeners. Only while the ticket is open "
                    + "or assigned (409 otherwise).")
    public TicketService.AgentMessage reply(@PathVariable String ticketId, @Valid @RequestBody MessageRequest body) {
        return service.reply(IdentityContext.requireTenant(), ticketId, body.agentId(), body.content());
    }

    public record Messages(String ticketId, List<TicketService.AgentMessage> messages) {
    }

    @GetMapping("/api/escalation/{ticketId}/messages")
    @Operation(summary = "The agents' replies on a ticket, oldest first")
    public Messages messages(@PathVariable String ticketId) {
        return new Messages(ticketId, service.messages(IdentityContext.requireTenant(), ticketId));
    }

    private TicketViews.QueueItem item(Ticket t) {
        return TicketViews.QueueItem.of(t, service.now());
    }

    private static <T> List<T> list(String csv, String field, Function<String, java.util.Optional<T>> parse) {
        List<T> values = new ArrayList<>();
        if (csv == null || csv.isBlank()) {
            return values;
        }
        for (String part : csv.split(",")) {
            String v = part.trim();
            if (!v.isEmpty()) {
                values.add(parse.apply(v).orElseThrow(() -> ApiException.invalid(field, "Invalid " + field + ": " + v)));
            }
        }
        return values;
    }
}
