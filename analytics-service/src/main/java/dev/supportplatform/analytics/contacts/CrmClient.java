package dev.supportplatform.analytics.contacts;

import org.springframework.cloud.openfeign.FeignClient;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;

/** crm-service's contact lookup (agents.md's GET /crm/users/{user_id}, by internal or external id). */
@FeignClient(name = "crm", url = "${platform.services.crm-url:http://localhost:8082}")
interface CrmClient {

    @GetMapping("/crm/users/{userId}")
    Envelope user(@PathVariable("userId") String userId);

    record Envelope(boolean success, Profile data) {
    }

    record Profile(String id, String name, String email) {
    }
}
