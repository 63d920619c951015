package dev.supportplatform.common.dialect;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/** Every endpoint of the five contracts (with sample ids filled in) maps to the dialect of its contract. */
class DialectForPathTest {

    @ParameterizedTest(name = "{0} {1} -> {2}")
    @CsvSource({
            // agents.md
            "POST,   /sessions/create,                        AGENTS",
            "GET,    /sessions/validate/tok_abc123,           AGENTS",
            "POST,   /chat,                                   AGENTS",
            "POST,   /crm/create_user,                        AGENTS",
            "GET,    /crm/users/user123,                      AGENTS",
            "GET,    /crm/users,                              AGENTS",
            "GET,    /crm/conversations/user123,              AGENTS",
            "POST,   /upload_docs,                            AGENTS",
            "GET,    /rag/stats,                              AGENTS",
            "GET,    /rag/documents,                          AGENTS",
            "DELETE, /rag/documents/manual.pdf,               AGENTS",
            "GET,    /admin/analytics/system,                 AGENTS",
            "GET,    /admin/analytics/user/user123,           AGENTS",
            "GET,    /admin/health/detailed,                  AGENTS",
            "GET,    /admin/settings,                         AGENTS",
            // support.md
            "POST,   /api/query,                              SUPPORT",
            "POST,   /api/session,                            SUPPORT",
            "GET,    /api/session/sess_abc123,                SUPPORT",
            "DELETE, /api/session/sess_abc123,                SUPPORT",
            "POST,   /api/escalation,                         SUPPORT",
            "GET,    /api/escalation/TKT-2024-001234,         SUPPORT",
            "PUT,    /api/escalation/TKT-2024-001234,         SUPPORT",
            "GET,    /api/metrics,                            SUPPORT",
            "GET,    /api/metrics/session/sess_abc123,        SUPPORT",
            "GET,    /api/status,                             SUPPORT",
            "POST,   /api/test/query,                         SUPPORT",
            "POST,   /api/test/escalation,                    SUPPORT",
            "GET,    /api/test/metrics,                       SUPPORT",
            // assistant.md
            "POST,   /v1/chat/stream,                         ASSISTANT",
            "POST,   /v1/chat/voice,                          ASSISTANT",
            "POST,   /v1/chat/unified,                        ASSISTANT",
            "POST,   /v1/ingestion/upload,                    ASSISTANT",
            "POST,   /v1/ingestion/url,                       ASSISTANT",
            "POST,   /v1/ingestion/text,                      ASSISTANT",
            "GET,    /v1/sessions,                            ASSISTANT",
            "GET,    /v1/sessions/session_abc/messages,       ASSISTANT",
            "DELETE, /v1/sessions/session_abc,                ASSISTANT",
            "GET,    /v1/analytics/overview,                  ASSISTANT",
            "GET,    /v1/analytics/tokens,                    ASSISTANT",
            "GET,    /v1/analytics/tools,                     ASSISTANT",
            "GET,    /v1/analytics/sessions,                  ASSISTANT",
            "GET,    /v1/analytics/ingestion,                 ASSISTANT",
            "GET,    /chat/my-session,                        ASSISTANT",
            // platform.md
            "POST,   /api/v1/conversations,                   PLATFORM",
            "GET,    /api/v1/conversations/conv_abc123,       PLATFORM",
            "POST,   /api/v1/knowledge-base,                  PLATFORM",
            "GET,    /api/v1/analytics,                       PLATFORM",
            // conversations.md
            "GET,    /chat/conversations,                     CONVERSATIONS",
            "POST,   /chat/conversations,                     CONVERSATIONS",
            "GET,    /chat/conversations/123,                 CONVERSATIONS",
            "PUT,    /chat/conversations/123,                 CONVERSATIONS",
            "DELETE, /chat/conversations/123,                 CONVERSATIONS",
            "GET,    /chat/conversations/123/messages,        CONVERSATIONS",
            "POST,   /chat/conversations/123/messages,        CONVERSATIONS",
            "POST,   /chat/conversations/123/ai-response,     CONVERSATIONS",
            "GET,    /chat/analytics/dashboard,               CONVERSATIONS",
            "GET,    /chat/analytics/global,                  CONVERSATIONS",
            "GET,    /chat/search,                            CONVERSATIONS",
    })
    void contractEndpointSpeaksItsContractsDialect(String method, String path, Dialect expected) {
        assertThat(Dialect.forPath(path)).as("%s %s", method, path).isEqualTo(expected);
    }

    @Test
    void prefixesMatchWholeSegmentsOnly() {
        // A path that merely starts with the same letters belongs to no contract.
        assertThat(Dialect.forPath("/chatbot")).isEqualTo(Dialect.PLATFORM);
        assertThat(Dialect.forPath("/crmx/users")).isEqualTo(Dialect.PLATFORM);
        assertThat(Dialect.forPath("/api/sessions")).isEqualTo(Dialect.PLATFORM);
        assertThat(Dialect.forPath("/v10/chat")).isEqualTo(Dialect.PLATFORM);
    }

    @Test
    void pathsOfNoContractUseThePlatformDialect() {
        // GET /health is claimed by support.md and assistant.md alike (answered with the union of their fields);
        // its errors use the default dialect.
        assertThat(Dialect.forPath("/health")).isEqualTo(Dialect.PLATFORM);
        assertThat(Dialect.forPath("/docs")).isEqualTo(Dialect.PLATFORM);
        assertThat(Dialect.forPath("/unknown/route")).isEqualTo(Dialect.PLATFORM);
        assertThat(Dialect.forPath("")).isEqualTo(Dialect.PLATFORM);
        assertThat(Dialect.forPath(null)).isEqualTo(Dialect.PLATFORM);
    }
}
