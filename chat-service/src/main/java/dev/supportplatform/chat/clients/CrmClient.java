package dev.supportplatform.chat.clients;

import org.springframework.cloud.openfeign.FeignClient;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;

import java.util.Map;

/** crm-service's contact upsert by external id (interfaces.md); creates the contact on first sight. */
@FeignClient(name = "crm", url = "${platform.services.crm-url:http://localhost:8082}")
public interface CrmClient {

    @PutMapping("/crm/users/by-external-id/{externalId}")
    Envelope upsert(@PathVariable("externalId") String externalId, @RequestBody Upsert body);

    record Upsert(String name, String email, Map<String, Object> metadata) {
    }

    record Envelope(boolean success, Contact data) {
    }

    record Contact(String id, String name, String email, String phone, String company, String role, String externalId) {
    }
}
