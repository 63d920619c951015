package dev.supportplatform.gateway.keys;

import java.time.Instant;
import java.util.List;

public record TenantRecord(String id, String name, List<String> allowedOrigins, Instant createdAt) {
}
