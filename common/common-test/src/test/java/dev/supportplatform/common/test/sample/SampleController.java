package dev.supportplatform.common.test.sample;

import dev.supportplatform.common.events.EventEnvelope;
import dev.supportplatform.common.events.payload.CrmEvents;
import dev.supportplatform.common.ids.Ids;
import dev.supportplatform.common.service.events.OutboxWriter;
import dev.supportplatform.common.service.identity.IdentityContext;
import dev.supportplatform.common.service.web.ApiException;
import io.micrometer.tracing.Tracer;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;
import java.util.Map;
import java.util.UUID;

@RestController
public class SampleController {

    private final NoteRepository notes;
    private final OutboxWriter outbox;
    private final SelfClient self;
    private final Tracer tracer;

    public SampleController(NoteRepository notes, OutboxWriter outbox, SelfClient self, Tracer tracer) {
        this.notes = notes;
        this.outbox = outbox;
        this.self = self;
        this.tracer = tracer;
    }

    record NewNote(@NotBlank @Size(max = 100) String text) {
    }

    /** Stores a note and its event in one transaction; the text "rollback" fails after both were written. */
    @PostMapping("/crm/notes")
    @Transactional
    public Map<String, Object> create(@Valid @RequestBody NewNote body) {
        UUID id = Ids.uuidV7();
        notes.save(new Note(id, body.text()));
        outbox.publish(EventEnvelope.of(IdentityContext.requireTenant(), id.toString(),
                new CrmEvents.ContactCreated(id.toString(), null)));
        if (body.text().equals("rollback")) {
            throw new IllegalStateException("failing after the write, to roll it back");
        }
        return Map.of("id", id.toString());
    }

    @GetMapping("/crm/notes/{id}")
    public Map<String, Object> get(@PathVariable UUID id) {
        Note note = notes.findById(id).orElseThrow(() -> ApiException.notFound("Note not found"));
        return Map.of("id", note.getId().toString(), "text", note.getText(), "tenant_id", note.getTenantId(),
                "trace_id", tracer.currentSpan().context().traceId());
    }

    /** Reads the note through a Feign call to this same service, and reports both sides' trace ids. */
    @GetMapping("/crm/notes/{id}/via-feign")
    public Map<String, Object> viaFeign(@PathVariable UUID id, jakarta.servlet.http.HttpServletRequest request) {
        java.net.URI base = java.net.URI.create("http://localhost:" + request.getLocalPort());
        Map<String, Object> remote = self.note(base, id.toString());
        return Map.of("caller_trace_id", tracer.currentSpan().context().traceId(), "callee", remote);
    }

    @GetMapping("/crm/notes")
    public List<String> list() {
        return notes.findAll().stream().map(n -> n.getId().toString()).toList();
    }

    record Probe(@NotBlank String name) {
    }

    /** One path per dialect, so that each dialect's errors can be provoked. */
    @PostMapping({"/crm/probe", "/api/session/probe", "/v1/probe", "/api/v1/probe", "/chat/conversations/probe"})
    public Map<String, Object> probe(@Valid @RequestBody Probe probe) {
        return Map.of("name", probe.name());
    }

    @GetMapping({"/crm/boom", "/api/session/boom", "/v1/boom", "/api/v1/boom", "/chat/conversations/boom"})
    public Map<String, Object> boom() {
        throw new IllegalStateException("unexpected failure with a secret detail that must not leak");
    }
}
