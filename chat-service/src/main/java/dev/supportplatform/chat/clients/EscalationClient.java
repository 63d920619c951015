package dev.supportplatform.chat.clients;

import org.springframework.cloud.openfeign.FeignClient;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;

/** escalation-service's ticket creation (support.md's POST /api/escalation plus customer_id and conversation_id). */
@FeignClient(name = "escalation", url = "${platform.services.escalation-url:http://localhost:8084}")
public interface EscalationClient {

    @PostMapping("/api/escalation")
    Ticket create(@RequestBody NewTicket ticket);

    record NewTicket(String sessionId, String reason, String priority, Double customerSentiment, Double queryComplexity,
                     String additionalContext, String customerId, String conversationId) {
    }

    record Ticket(String ticketId, String sessionId, String priority, String status, String createdAt,
                  String estimatedResponseTime, String assignedAgent) {
    }
}
