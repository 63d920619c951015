package dev.supportplatform.gateway.keys;

import dev.supportplatform.common.identity.Scopes;
import dev.supportplatform.common.ids.Ids;
import dev.supportplatform.gateway.auth.CredentialEvents;
import dev.supportplatform.gateway.auth.CredentialResolver;
import dev.supportplatform.gateway.auth.Secrets;
import dev.supportplatform.gateway.auth.TenantIds;
import dev.supportplatform.gateway.keys.KeyApi.CreateKeyRequest;
import dev.supportplatform.gateway.keys.KeyApi.CreateTenantRequest;
import dev.supportplatform.gateway.keys.KeyApi.KeyView;
import dev.supportplatform.gateway.web.ApiErrorException;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import java.net.URI;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;

/**
 * Creating, listing, revoking and rotating API keys, and the tenants they belong to. A secret exists in clear only
 * in the response that creates or rotates it; revocation and rotation evict the old secret on every replica at once.
 */
@Service
public class KeyService {

    private static final Set<String> ALLOWED_SCOPES = Set.of(Scopes.CHAT, Scopes.READ, Scopes.WRITE, Scopes.ADMIN);

    private final KeyRepository repository;
    private final CredentialEvents events;

    public KeyService(KeyRepository repository, CredentialEvents events) {
        this.repository = repository;
        this.events = events;
    }

    public Mono<TenantRecord> createTenant(CreateTenantRequest request) {
        String id = request.id() == null || request.id().isBlank() ? "t_" + Ids.prefixed("x").substring(2) : request.id();
        if (!TenantIds.valid(id)) {
            throw ApiErrorException.invalid("id", "Tenant id must be 1-64 letters, digits, '.', '_' or '-'");
        }
        String name = request.name() == null || request.name().isBlank() ? id : request.name().trim();
        TenantRecord tenant = new TenantRecord(id, name, origins(request.allowedOrigins()), now());
        return blocking(() -> {
            if (!repository.insertTenant(tenant)) {
                throw ApiErrorException.conflict("Tenant " + id + " already exists");
            }
            return tenant;
        });
    }

    public Mono<TenantRecord> tenant(String id) {
        return blocking(() -> repository.findTenant(id).orElseThrow(() -> ApiErrorException.notFound("Tenant " + id + " not found")));
    }

    public Mono<TenantRecord> updateOrigins(String id, List<String> allowedOrigins) {
        List<String> origins = origins(allowedOrigins);
        return blocking(() -> {
            repository.findTenant(id).orElseThrow(() -> ApiErrorException.notFound("Tenant " + id + " not found"));
            return repository.updateTenantOrigins(id, origins);
        }).flatMap(hashes -> Flux.fromIterable(hashes).concatMap(events::revoked).then(tenant(id)));
    }

    public Mono<KeyView> create(String tenantId, CreateKeyRequest request) {
        Plan plan = plan(request.plan());
        boolean publishable = Boolean.TRUE.equals(request.publishable());
        List<String> scopes = publishable ? List.of(Scopes.CHAT) : scopes(request.scopes());
        List<String> origins = origins(request.allowedOrigins());
        if (publishable && origins.isEmpty()) {
            throw ApiErrorException.invalid("allowed_origins", "A publishable key needs at least one allowed origin");
        }
        long quota = plan.defaultQuotaPerHour();
        if (request.quotaPerHour() != null) {
            if (plan != Plan.ENTERPRISE) {
                throw ApiErrorException.invalid("quota_per_hour", "Only enterprise keys have a custom quota");
            }
            if (request.quotaPerHour() < 1) {
                throw ApiErrorException.invalid("quota_per_hour", "quota_per_hour must be positive");
            }
            quota = request.quotaPerHour();
        }
        String name = request.name() == null || request.name().isBlank() ? (publishable ? "widget key" : "API key") : request.name().trim();
        String secret = newSecret(publishable);
        ApiKeyRecord key = new ApiKeyRecord(Ids.prefixed("key"), tenantId, name, displayPrefix(secret), plan.wireName(), quota,
                scopes, publishable, origins, List.of(), now(), null, null);
        return blocking(() -> {
            repository.findTenant(tenantId).orElseThrow(() -> ApiErrorException.notFound("Tenant " + tenantId + " not found"));
            repository.insert(key, Secrets.sha256(secret));
            return KeyView.of(key, secret);
        });
    }

    public Mono<List<KeyView>> list(String tenantId) {
        return blocking(() -> repository.findByTenant(tenantId).stream().map(k -> KeyView.of(k, null)).toList());
    }

    public Mono<KeyView> revoke(String tenantId, String keyId) {
        Instant at = now();
        return blocking(() -> repository.revoke(tenantId, keyId, at)
                .orElseThrow(() -> ApiErrorException.notFound("No active key " + keyId + " in tenant " + tenantId)))
                .flatMap(oldHash -> events.revoked(oldHash))
                .then(blocking(() -> KeyView.of(repository.findById(tenantId, keyId).orElseThrow(), null)));
    }

    public Mono<KeyView> rotate(String tenantId, String keyId) {
        Instant at = now();
        return blocking(() -> repository.findById(tenantId, keyId)
                .filter(ApiKeyRecord::active)
                .orElseThrow(() -> ApiErrorException.notFound("No active key " + keyId + " in tenant " + tenantId)))
                .flatMap(existing -> {
                    String secret = newSecret(existing.publishable());
                    return blocking(() -> repository.rotate(tenantId, keyId, Secrets.sha256(secret), displayPrefix(secret), at)
                            .orElseThrow(() -> ApiErrorException.notFound("No active key " + keyId)))
                            .flatMap(events::revoked)
                            .then(blocking(() -> KeyView.of(repository.findById(tenantId, keyId).orElseThrow(), secret)));
                });
    }

    static String newSecret(boolean publishable) {
        return (publishable ? CredentialResolver.PUBLISHABLE_KEY_PREFIX : CredentialResolver.SECRET_KEY_PREFIX) + "live_"
                + Ids.urlSafeToken(32);
    }

    private static String displayPrefix(String secret) {
        return secret.substring(0, 12);
    }

    private static Plan plan(String value) {
        try {
            return Plan.parse(value);
        } catch (IllegalArgumentException e) {
            throw ApiErrorException.invalid("plan", "plan must be one of free, starter, professional, enterprise");
        }
    }

    private static List<String> scopes(List<String> requested) {
        if (requested == null || requested.isEmpty()) {
            return List.copyOf(new java.util.TreeSet<>(Scopes.STANDARD));
        }
        Set<String> scopes = new LinkedHashSet<>();
        for (String scope : requested) {
            String s = scope == null ? "" : scope.trim().toLowerCase(Locale.ROOT);
            if (!ALLOWED_SCOPES.contains(s)) {
                throw ApiErrorException.invalid("scopes", "Unknown scope '" + scope + "' (chat, read, write, admin)");
            }
            scopes.add(s);
        }
        return List.copyOf(scopes);
    }

    /** Origins as browsers send them: scheme://host[:port], nothing else. */
    static List<String> origins(List<String> requested) {
        if (requested == null) {
            return List.of();
        }
        Set<String> origins = new LinkedHashSet<>();
        for (String origin : requested) {
            try {
                URI uri = URI.create(origin.trim());
                boolean valid = ("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) && uri.getHost() != null
                        && (uri.getRawPath() == null || uri.getRawPath().isEmpty()) && uri.getRawQuery() == null;
                if (!valid) {
                    throw new IllegalArgumentException();
                }
                origins.add(origin.trim());
            } catch (IllegalArgumentException | NullPointerException e) {
                throw ApiErrorException.invalid("allowed_origins", "Not an origin (scheme://host[:port]): " + origin);
            }
        }
        return List.copyOf(origins);
    }

    private static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MICROS);
    }

    private static <T> Mono<T> blocking(Callable<T> work) {
        return Mono.fromCallable(work).subscribeOn(Schedulers.boundedElastic());
    }
}
