package dev.supportplatform.e2e;

import dev.supportplatform.common.test.HttpApi;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * assistant.md's real-time endpoints, POST /v1/chat/stream (SSE) and WebSocket /chat/{session_id}, are built on branch
 * realtime and not yet on main. Until the platform serves them, the checks that need them wait, visibly: each prints
 * "WAITING for realtime: ..." and asserts instead that the stream is plainly absent: it answers 404 (a 500 or a
 * half-built endpoint fails). The WebSocket is not probed while waiting: the gateway takes the handshake, its upstream
 * upgrade to chat-service fails, and once in this suite the next POST /v1/chat/stream through the gateway then hung.
 * "Served" means the gateway's merged OpenAPI document lists /v1/chat/stream, which chat-service's document does as
 * soon as the endpoint exists; from then on the full checks run and must pass.
 * The list below is what waits; docs (deploy/README.md) name the same.
 */
final class Realtime {

    static final List<String> WAITING = List.of(
            "assistant.md Streaming Chat (Python): POST /v1/chat/stream",
            "assistant.md WebSocket Chat (JavaScript): WebSocket /chat/{session_id}",
            "customer journey: the human's reply reaching the customer's WebSocket");

    private Realtime() {
    }

    static boolean served(E2ePlatform platform) {
        HttpApi.Response docs = HttpApi.at(platform.gatewayUrl()).get("/openapi.json");
        assertThat(docs.status()).as(docs.toString()).isEqualTo(200);
        return docs.json().path("paths").has("/v1/chat/stream");
    }

    /** While waiting: prints what waits, and checks that the stream endpoint is plainly absent, not half there. */
    static void waiting(E2ePlatform platform, String what, String apiKey) {
        System.out.println("WAITING for realtime (POST /v1/chat/stream, WebSocket /chat/{session_id}): " + what
                + "; everything waiting: " + WAITING);
        HttpApi.Response stream = HttpApi.at(platform.gatewayUrl()).withHeader("X-API-Key", apiKey).post("/v1/chat/stream",
                java.util.Map.of("messages", List.of(java.util.Map.of("role", "user", "content", "Hello!"))));
        assertThat(stream.status()).as("POST /v1/chat/stream while waiting: %s", stream).isEqualTo(404);
    }
}
