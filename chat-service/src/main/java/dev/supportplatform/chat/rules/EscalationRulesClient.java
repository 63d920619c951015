package dev.supportplatform.chat.rules;

import org.springframework.cloud.openfeign.FeignClient;
import org.springframework.web.bind.annotation.GetMapping;

import java.util.List;

/** escalation-service's per-tenant escalation rules (the defaults when the tenant configured none). */
@FeignClient(name = "escalation", contextId = "escalationRules", url = "${platform.services.escalation-url:http://localhost:8084}")
interface EscalationRulesClient {

    @GetMapping("/api/escalation/rules")
    Rules rules();

    record Rules(Double negativeSentimentThreshold, Double complexityThreshold, Double confidenceThreshold,
                 Integer repeatedLowConfidenceCount, List<String> policyKeywords, String updatedAt) {
    }
}
