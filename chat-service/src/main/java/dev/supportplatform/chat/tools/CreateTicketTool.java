package dev.supportplatform.chat.tools;

import dev.langchain4j.agent.tool.ToolSpecification;
import dev.langchain4j.model.chat.request.json.JsonObjectSchema;
import dev.supportplatform.chat.clients.EscalationClient;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * {@code create_ticket}: opens an escalation ticket on this conversation (escalation-service), for a human agent to
 * follow up. escalation-service announces it ({@code escalation.created}), which links it to the conversation.
 */
public class CreateTicketTool implements Tool {

    public static final String NAME = "create_ticket";
    private static final Set<String> PRIORITIES = Set.of("low", "medium", "high", "urgent");
    private static final int MAX_SUMMARY = 1000;

    private final EscalationClient escalation;

    public CreateTicketTool(EscalationClient escalation) {
        this.escalation = escalation;
    }

    @Override
    public ToolSpecification specification() {
        return ToolSpecification.builder().name(NAME)
                .description("Opens a support ticket so that a human agent follows up with the customer. Use it when the "
                        + "customer asks for a person or their problem cannot be solved in this chat.")
                .parameters(JsonObjectSchema.builder()
                        .addStringProperty("reason", "Short reason, e.g. billing_dispute, technical_issue, manual_request")
                        .addEnumProperty("priority", PRIORITIES.stream().sorted().toList(), "How urgent the problem is")
                        .addStringProperty("summary", "What the customer needs, for the agent")
                        .required("reason").build())
                .build();
    }

    @Override
    public String execute(Map<String, Object> args, ToolContext context) {
        if (context.conversationId() == null) {
            throw new ToolFailedException("no_conversation", "A ticket needs a conversation");
        }
        String reason = args.get("reason") instanceof String r && !r.isBlank() ? r.strip() : "assistant_request";
        String priority = args.get("priority") instanceof String p && PRIORITIES.contains(p.toLowerCase(Locale.ROOT))
                ? p.toLowerCase(Locale.ROOT) : "medium";
        String summary = args.get("summary") instanceof String s ? s.substring(0, Math.min(s.length(), MAX_SUMMARY)) : null;
        EscalationClient.Ticket ticket = escalation.create(new EscalationClient.NewTicket(context.conversationId(), reason, priority,
                null, null, summary, context.contactExternalId(), context.conversationId()));
        return preview(ticket);
    }

    /** The arguments the pipeline's own escalation is reported with. */
    public static Map<String, Object> args(String reason, String priority) {
        Map<String, Object> args = new LinkedHashMap<>();
        args.put("reason", reason);
        args.put("priority", priority);
        return args;
    }

    public static String preview(EscalationClient.Ticket ticket) {
        if (ticket == null || ticket.ticketId() == null) {
            return "The ticket service gave no ticket id.";
        }
        return "Ticket " + ticket.ticketId() + " opened (status " + (ticket.status() == null ? "open" : ticket.status())
                + ", priority " + ticket.priority() + ").";
    }
}
