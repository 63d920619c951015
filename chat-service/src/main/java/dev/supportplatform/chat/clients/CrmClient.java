package dev.supportplatform.chat.clients;

import org.springframework.cloud.openfeign.FeignClient;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;

import java.util.Map;

/** crm-service's contact upsert by external id (interfaces.md), which creates the contact on first sight, and its contact read. */
@FeignClient(name = "crm", url = "${platform.services.crm-url:http://localhost:8082}")
public interface CrmClient {

    @PutMapping("/crm/users/by-external-id/{externalId}")
    Envelope upsert(@PathVariable("externalId") String externalId, @RequestBody Upsert body);

    /** The contact by its id or one of its external ids, with the stats crm-service keeps (agents.md's user view). */
    @GetMapping("/crm/users/{userId}")
    ProfileEnvelope profile(@PathVariable("userId") String userId);

    record ProfileEnvelope(boolean success, Profile data) {
    }

    record Profile(String id, String name, String email, String phone, String company, String role, Boolean isActive,
                   Map<String, Object> stats) {
    }

    record Upsert(String name, String email, Map<String, Object> metadata) {
    }

    record Envelope(boolean success, Contact data) {
    }

    record Contact(String id, String name, String email, String phone, String company, String role, String externalId) {
    }
}
