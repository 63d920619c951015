package dev.supportplatform.crm.privacy;

import dev.supportplatform.common.dialect.Envelopes;
import dev.supportplatform.common.service.web.RequestTiming;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.bind.annotation.RestController;

import java.time.Instant;
import java.util.Map;

/** A contact's right of access (export) and right to be forgotten (erase). */
@RestController
@RequestMapping("/crm/users/{user_id}")
@Tag(name = "CRM privacy", description = "Export and erase a contact. Errors use agents.md's error shape.")
class PrivacyController {

    private final PrivacyService privacy;

    PrivacyController(PrivacyService privacy) {
        this.privacy = privacy;
    }

    @GetMapping("/export")
    @Operation(summary = "Export everything stored about a user", description = "The contact with its external ids, "
            + "metadata, stats and every activity row, as JSON in agents.md's envelope.")
    Map<String, Object> export(@PathVariable("user_id") String userId) {
        return Envelopes.agents(privacy.export(userId), RequestTiming.currentElapsedSeconds(), Instant.now());
    }

    @RequestMapping(path = "/erase", method = {RequestMethod.DELETE, RequestMethod.POST})
    @Operation(summary = "Erase a user", description = "Deletes the contact, its external ids, stats and activity, and "
            + "publishes contact.erased (contact id and every external id) so that the other services remove or "
            + "anonymise their data too. DELETE and POST do the same.")
    Map<String, Object> erase(@PathVariable("user_id") String userId) {
        return Envelopes.agents(privacy.erase(userId), RequestTiming.currentElapsedSeconds(), Instant.now());
    }
}
