package dev.supportplatform.escalation.ticket;

import dev.supportplatform.common.service.identity.IdentityContext;
import dev.supportplatform.common.service.web.ApiException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import java.util.Arrays;
import java.util.UUID;
import java.util.stream.Collectors;

/** support.md's escalation endpoints, field for field. */
@RestController
@Tag(name = "Escalation tickets", description = "support.md: create, read and update escalation tickets")
public class TicketController {

    private final TicketService service;

    public TicketController(TicketService service) {
        this.service = service;
    }

    /** customer_id and conversation_id are extras chat-service sends so that the hand-off reaches the conversation. */
    public record CreateRequest(@NotBlank @Size(max = 200) String sessionId, @NotBlank String reason, @NotBlank String priority,
                                @DecimalMin("-1.0") @DecimalMax("1.0") Double customerSentiment,
                                @DecimalMin("0.0") @DecimalMax("1.0") Double queryComplexity,
                                @Size(max = 10_000) String additionalContext, @Size(max = 200) String customerId,
                                @Size(max = 200) String conversationId) {
    }

    @PostMapping("/api/escalation")
    @Operation(summary = "Create an escalation ticket for human agent intervention")
    public TicketViews.Created create(@Valid @RequestBody CreateRequest body) {
        Ticket t = service.create(IdentityContext.requireTenant(), new TicketService.NewTicket(body.sessionId(), reason(body.reason()),
                priority(body.priority()), body.customerSentiment(), body.queryComplexity(), body.additionalContext(),
                blankToNull(body.customerId()), blankToNull(body.conversationId()), false));
        return TicketViews.Created.of(t);
    }

    public record TestRequest(@Size(max = 200) String sessionId, String reason, String priority,
                              @DecimalMin("-1.0") @DecimalMax("1.0") Double customerSentiment,
                              @DecimalMin("0.0") @DecimalMax("1.0") Double queryComplexity,
                              @Size(max = 10_000) String additionalContext, @Size(max = 200) String customerId) {
    }

    /** A ticket marked as a test: it shows in the queue but publishes no events, so no conversation is handed over. */
    @PostMapping("/api/test/escalation")
    @Operation(summary = "Create a test escalation ticket (no hand-off, no webhooks)")
    public TicketViews.Created createTest(@Valid @RequestBody(required = false) TestRequest body) {
        TestRequest b = body != null ? body : new TestRequest(null, null, null, null, null, null, null);
        Ticket t = service.create(IdentityContext.requireTenant(), new TicketService.NewTicket(
                b.sessionId() != null && !b.sessionId().isBlank() ? b.sessionId() : "test_" + UUID.randomUUID().toString().substring(0, 8),
                b.reason() != null ? reason(b.reason()) : Reason.MANUAL_REQUEST,
                b.priority() != null ? priority(b.priority()) : Priority.MEDIUM,
                b.customerSentiment(), b.queryComplexity(),
                b.additionalContext() != null ? b.additionalContext() : "Test escalation", blankToNull(b.customerId()), null, true));
        return TicketViews.Created.of(t);
    }

    @GetMapping("/api/escalation/{ticketId}")
    @Operation(summary = "Retrieve escalation ticket details")
    public TicketViews.Detail get(@PathVariable String ticketId) {
        return TicketViews.Detail.of(service.get(IdentityContext.requireTenant(), ticketId));
    }

    public record UpdateRequest(String status, @Size(max = 200) String assignedAgent, @Size(max = 10_000) String resolutionNotes,
                                @Min(1) @Max(5) Integer customerSatisfaction) {
    }

    @PutMapping("/api/escalation/{ticketId}")
    @Operation(summary = "Update escalation ticket status or assignment",
            description = "Lifecycle: open -> assigned | resolved | closed; assigned -> open | resolved | closed; "
                    + "resolved -> open | closed; closed is final. An illegal transition answers 409.")
    public TicketViews.Detail update(@PathVariable String ticketId, @Valid @RequestBody UpdateRequest body) {
        Status status = body.status() == null ? null : Status.parse(body.status()).orElseThrow(() -> ApiException.invalid("status",
                "Invalid status: " + body.status() + " (expected one of " + wires(Status.values()) + ")"));
        Ticket t = service.change(IdentityContext.requireTenant(), ticketId,
                new TicketService.Change(status, blankToNull(body.assignedAgent()), body.resolutionNotes(), body.customerSatisfaction()));
        return TicketViews.Detail.of(t);
    }

    static Reason reason(String value) {
        return Reason.parse(value).orElseThrow(() -> ApiException.invalid("reason",
                "Invalid reason: " + value + " (expected one of " + wires(Reason.values()) + ")"));
    }

    static Priority priority(String value) {
        return Priority.parse(value).orElseThrow(() -> ApiException.invalid("priority",
                "Invalid priority: " + value + " (expected one of " + wires(Priority.values()) + ")"));
    }

    static String wires(Enum<?>[] values) {
        return Arrays.stream(values).map(v -> v.name().toLowerCase()).collect(Collectors.joining(", "));
    }

    static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
