package dev.supportplatform.gateway.keys;

import dev.supportplatform.gateway.auth.Caller;
import dev.supportplatform.gateway.auth.Callers;
import dev.supportplatform.gateway.keys.KeyApi.CreateKeyRequest;
import dev.supportplatform.gateway.keys.KeyApi.CreateTenantRequest;
import dev.supportplatform.gateway.keys.KeyApi.KeyList;
import dev.supportplatform.gateway.keys.KeyApi.KeyView;
import dev.supportplatform.gateway.keys.KeyApi.TenantView;
import dev.supportplatform.gateway.keys.KeyApi.UpdateTenantRequest;
import dev.supportplatform.gateway.web.ApiErrorException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * Tenant and API key management (platform.md dialect). Needs the admin scope: the root key for any tenant (and to
 * create tenants), a tenant's own admin key for that tenant only.
 */
@RestController
@RequestMapping("/api/v1/tenants")
@Tag(name = "API keys", description = "Tenants and their API keys. Secrets are shown once, stored hashed.")
@SecurityRequirement(name = "apiKey")
public class KeyController {

    private final KeyService keys;

    public KeyController(KeyService keys) {
        this.keys = keys;
    }

    @PostMapping
    @Operation(summary = "Create a tenant (root key only)")
    public Mono<ResponseEntity<TenantView>> createTenant(@RequestBody CreateTenantRequest request, ServerWebExchange exchange) {
        Caller caller = Callers.require(exchange);
        if (!caller.isRoot()) {
            throw ApiErrorException.forbidden("only the root key may create tenants");
        }
        return keys.createTenant(request).map(t -> ResponseEntity.status(HttpStatus.CREATED).body(TenantView.of(t)));
    }

    @GetMapping("/{tenantId}")
    @Operation(summary = "Get a tenant")
    public Mono<TenantView> tenant(@PathVariable String tenantId, ServerWebExchange exchange) {
        Callers.requireAdminOf(exchange, tenantId);
        return keys.tenant(tenantId).map(TenantView::of);
    }

    @PatchMapping("/{tenantId}")
    @Operation(summary = "Change a tenant's allowed browser origins (WebSocket and widget)")
    public Mono<TenantView> updateTenant(@PathVariable String tenantId, @RequestBody UpdateTenantRequest request,
                                         ServerWebExchange exchange) {
        Callers.requireAdminOf(exchange, tenantId);
        return keys.updateOrigins(tenantId, request.allowedOrigins()).map(TenantView::of);
    }

    @PostMapping("/{tenantId}/api-keys")
    @Operation(summary = "Create an API key; the response is the only time the secret is shown",
            description = "plan: free (100/h), starter (1,000/h), professional (10,000/h), enterprise (quota_per_hour). "
                    + "publishable: a widget key (pk_...) that can only chat, only from allowed_origins.")
    public Mono<ResponseEntity<KeyView>> create(@PathVariable String tenantId, @RequestBody CreateKeyRequest request,
                                                ServerWebExchange exchange) {
        Callers.requireAdminOf(exchange, tenantId);
        return keys.create(tenantId, request).map(k -> ResponseEntity.status(HttpStatus.CREATED).body(k));
    }

    @GetMapping("/{tenantId}/api-keys")
    @Operation(summary = "List a tenant's API keys (without secrets)")
    public Mono<KeyList> list(@PathVariable String tenantId, ServerWebExchange exchange) {
        Callers.requireAdminOf(exchange, tenantId);
        return keys.list(tenantId).map(all -> new KeyList(all, all.size()));
    }

    @DeleteMapping("/{tenantId}/api-keys/{keyId}")
    @Operation(summary = "Revoke an API key; it stops working on every gateway replica within a second")
    public Mono<KeyView> revoke(@PathVariable String tenantId, @PathVariable String keyId, ServerWebExchange exchange) {
        Callers.requireAdminOf(exchange, tenantId);
        return keys.revoke(tenantId, keyId);
    }

    @PostMapping("/{tenantId}/api-keys/{keyId}/rotate")
    @Operation(summary = "Rotate an API key: a new secret (shown once) replaces the old one at once")
    public Mono<KeyView> rotate(@PathVariable String tenantId, @PathVariable String keyId, ServerWebExchange exchange) {
        Callers.requireAdminOf(exchange, tenantId);
        return keys.rotate(tenantId, keyId);
    }
}
