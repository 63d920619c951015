package dev.supportplatform.escalation.webhook;

import dev.supportplatform.common.service.identity.IdentityContext;
import dev.supportplatform.common.service.web.ApiException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.Size;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * Webhook management in platform.md's dialect: subscriptions per tenant (the signing secret is shown once, at
 * creation), a test ping, the delivery log with attempts and response codes, and redelivery of one delivery.
 */
@RestController
@Tag(name = "Webhooks", description = "Signed webhook subscriptions and their deliveries (platform.md)")
public class WebhookController {

    private static final Set<String> DELIVERY_STATUSES = Set.of(DeliveryStore.PENDING, DeliveryStore.SUCCEEDED, DeliveryStore.FAILED);

    private final Subscriptions subscriptions;
    private final DeliveryStore deliveries;
    private final WebhookSender sender;
    private final DeliveryWorker worker;
    private final UrlGuard guard;

    public WebhookController(Subscriptions subscriptions, DeliveryStore deliveries, WebhookSender sender, DeliveryWorker worker,
                             UrlGuard guard) {
        this.subscriptions = subscriptions;
        this.deliveries = deliveries;
        this.sender = sender;
        this.worker = worker;
        this.guard = guard;
    }

    /** @param status active, or disabled (then disabled_reason says why: automatic after persistent failure, or by the client) */
    public record WebhookView(UUID id, String url, String description, List<String> events, String status, String disabledReason,
                              Instant disabledAt, int consecutiveFailures, Instant createdAt, Instant updatedAt) {
        static WebhookView of(Subscriptions.Subscription s) {
            return new WebhookView(s.id(), s.url(), s.description(), s.events(), s.active() ? "active" : "disabled",
                    s.disabledReason(), s.disabledAt(), s.consecutiveFailures(), s.createdAt(), s.updatedAt());
        }
    }

    /** The only response that carries the secret. */
    public record CreatedWebhook(UUID id, String url, String description, List<String> events, String status, String secret,
                                 Instant createdAt) {
    }

    public record CreateRequest(@NotBlank @Size(max = 2000) String url, @NotEmpty List<@NotBlank String> events,
                                @Size(max = 500) String description) {
    }

    public record SupportedEvents(List<String> events) {
    }

    @GetMapping("/api/v1/webhooks/events")
    @Operation(summary = "The events a webhook can subscribe to")
    public SupportedEvents supportedEvents() {
        return new SupportedEvents(WebhookEvents.SUPPORTED);
    }

    @PostMapping("/api/v1/webhooks")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Subscribe a URL to events", description = "The response carries the signing secret; it is never shown again. "
            + "Every request is signed: X-Webhook-Signature: sha256=<hex HMAC-SHA256 of the raw body>, with X-Webhook-Id "
            + "(delivery id, stable across retries) and X-Webhook-Timestamp (unix seconds of the attempt).")
    public CreatedWebhook create(@Valid @RequestBody CreateRequest body) {
        List<String> events = events(body.events());
        checkUrl(body.url());
        Subscriptions.Subscription s = subscriptions.create(IdentityContext.requireTenant(), body.url(), body.description(), events);
        return new CreatedWebhook(s.id(), s.url(), s.description(), s.events(), "active", s.secret(), s.createdAt());
    }

    public record WebhookList(List<WebhookView> webhooks) {
    }

    @GetMapping("/api/v1/webhooks")
    @Operation(summary = "List the tenant's webhooks")
    public WebhookList list() {
        return new WebhookList(subscriptions.list(IdentityContext.requireTenant()).stream().map(WebhookView::of).toList());
    }

    @GetMapping("/api/v1/webhooks/{id}")
    @Operation(summary = "One webhook, with its status and, when disabled, why")
    public WebhookView get(@PathVariable UUID id) {
        return WebhookView.of(require(id));
    }

    /** Fields left out stay as they are; active=true re-enables a disabled webhook. */
    public record UpdateRequest(@Size(max = 2000) String url, List<@NotBlank String> events, @Size(max = 500) String description,
                                Boolean active) {
    }

    @PutMapping("/api/v1/webhooks/{id}")
    @Operation(summary = "Change a webhook's URL, events or description, or disable / re-enable it")
    public WebhookView update(@PathVariable UUID id, @Valid @RequestBody UpdateRequest body) {
        require(id);
        List<String> events = body.events() == null ? null : events(body.events());
        if (body.url() != null) {
            checkUrl(body.url());
        }
        subscriptions.update(IdentityContext.requireTenant(), id, body.url(), body.description(), events, body.active());
        if (Boolean.TRUE.equals(body.active())) {
            worker.wakeUp();
        }
        return WebhookView.of(require(id));
    }

    @DeleteMapping("/api/v1/webhooks/{id}")
    @Operation(summary = "Delete a webhook and its delivery log")
    public ResponseEntity<Void> delete(@PathVariable UUID id) {
        if (!subscriptions.delete(IdentityContext.requireTenant(), id)) {
            throw notFound(id);
        }
        return ResponseEntity.noContent().build();
    }

    public record PingResult(UUID deliveryId, String status, Integer responseCode, String error, long durationMs) {
    }

    @PostMapping("/api/v1/webhooks/{id}/test")
    @Operation(summary = "Send a signed test ping now and report the receiver's answer",
            description = "Event \"ping\"; one attempt, no retries; recorded in the delivery log.")
    public PingResult ping(@PathVariable UUID id) {
        Subscriptions.Subscription s = require(id);
        DeliveryStore.Claimed claimed = deliveries.insertPing(s, WebhookEvents.ping(s.id().toString(), Instant.now()), UUID.randomUUID());
        WebhookSender.Result result = sender.send(s.url(), s.secret(), claimed.id(), claimed.eventType(), claimed.payload());
        deliveries.complete(claimed, result, false);
        return new PingResult(claimed.id(), result.succeeded() ? DeliveryStore.SUCCEEDED : DeliveryStore.FAILED,
                result.responseCode(), result.error(), result.durationMs());
    }

    public record DeliveryList(List<DeliveryStore.Delivery> deliveries) {
    }

    @GetMapping("/api/v1/webhooks/{id}/deliveries")
    @Operation(summary = "The webhook's deliveries, newest first, with status, attempts and last response code")
    public DeliveryList deliveries(@PathVariable UUID id, @RequestParam(required = false) String status,
                                   @RequestParam(required = false, defaultValue = "50") @Min(1) @Max(500) int limit) {
        require(id);
        if (status != null && !DELIVERY_STATUSES.contains(status)) {
            throw ApiException.invalid("status", "Invalid status: " + status + " (expected pending, succeeded or failed)");
        }
        return new DeliveryList(deliveries.list(IdentityContext.requireTenant(), id, status, limit));
    }

    public record DeliveryDetail(DeliveryStore.Delivery delivery, String payload, List<DeliveryStore.Attempt> attempts) {
    }

    @GetMapping("/api/v1/webhooks/{id}/deliveries/{deliveryId}")
    @Operation(summary = "One delivery with its body and every attempt")
    public DeliveryDetail delivery(@PathVariable UUID id, @PathVariable UUID deliveryId) {
        DeliveryStore.Delivery d = requireDelivery(id, deliveryId);
        return new DeliveryDetail(d, deliveries.payload(d.id()), deliveries.attempts(d.id()));
    }

    @PostMapping("/api/v1/webhooks/{id}/deliveries/{deliveryId}/redeliver")
    @ResponseStatus(HttpStatus.ACCEPTED)
    @Transactional
    @Operation(summary = "Queue one delivery again, as a new delivery (new X-Webhook-Id) with the same body")
    public DeliveryStore.Delivery redeliver(@PathVariable UUID id, @PathVariable UUID deliveryId) {
        DeliveryStore.Delivery original = requireDelivery(id, deliveryId);
        if (WebhookEvents.PING.equals(original.event())) {
            throw ApiException.invalid("delivery_id", "A ping cannot be redelivered; send a new one");
        }
        UUID copy = deliveries.redeliver(IdentityContext.requireTenant(), id, deliveryId);
        worker.wakeUp();
        return deliveries.find(IdentityContext.requireTenant(), id, copy).orElseThrow();
    }

    private Subscriptions.Subscription require(UUID id) {
        return subscriptions.find(IdentityContext.requireTenant(), id).orElseThrow(() -> notFound(id));
    }

    private DeliveryStore.Delivery requireDelivery(UUID id, UUID deliveryId) {
        require(id);
        return deliveries.find(IdentityContext.requireTenant(), id, deliveryId)
                .orElseThrow(() -> ApiException.notFound("Delivery not found", "No delivery " + deliveryId + " for webhook " + id));
    }

    private void checkUrl(String url) {
        try {
            guard.check(url);
        } catch (UrlGuard.RejectedUrl e) {
            throw ApiException.invalid("url", "URL not allowed: " + e.getMessage());
        }
    }

    private static List<String> events(List<String> requested) {
        for (String e : requested) {
            if (!WebhookEvents.SUPPORTED.contains(e)) {
                throw ApiException.invalid("events", "Unsupported event: " + e + " (supported: " + String.join(", ", WebhookEvents.SUPPORTED) + ")");
            }
        }
        return requested.stream().distinct().toList();
    }

    private static ApiException notFound(UUID id) {
        return ApiException.notFound("Webhook not found", "No webhook " + id + " for this tenant");
    }
}
