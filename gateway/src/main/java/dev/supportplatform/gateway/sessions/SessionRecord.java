package dev.supportplatform.gateway.sessions;

import java.time.Instant;
import java.util.List;

/** An agents.md session; the token itself is never stored, only its hash. */
public record SessionRecord(String id, String tenantId, String userId, List<String> scopes, Instant createdAt, Instant expiresAt) {
}
