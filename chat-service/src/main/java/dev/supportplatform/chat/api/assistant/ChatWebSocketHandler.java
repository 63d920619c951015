package dev.supportplatform.chat.api.assistant;

import dev.supportplatform.chat.conversation.Message;
import dev.supportplatform.chat.handoff.LiveReplies;
import dev.supportplatform.chat.model.GenerationCancelledException;
import dev.supportplatform.chat.realtime.AnswerObserver;
import dev.supportplatform.chat.realtime.AnswerStreams;
import dev.supportplatform.chat.realtime.SessionFeed;
import dev.supportplatform.chat.speech.SpeechToText;
import dev.supportplatform.chat.tools.ToolEvent;
import dev.supportplatform.chat.turn.Cancellation;
import dev.supportplatform.chat.turn.TurnService;
import dev.supportplatform.chat.unified.UnifiedChatService;
import dev.supportplatform.common.dialect.ApiError;
import dev.supportplatform.common.identity.Identity;
import dev.supportplatform.common.service.identity.IdentityContext;
import dev.supportplatform.common.service.web.ApiException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.springframework.util.unit.DataSize;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.handler.TextWebSocketHandler;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * assistant.md's WebSocket API for one connection to {@code /chat/{session_id}}: a welcome {@code system} message,
 * then {@code text} and {@code audio} in, answered with {@code status}, {@code transcript}, {@code tool} events,
 * streamed {@code text} chunks, a final {@code text} and, when asked for, an {@code audio} message; {@code stop}
 * stops the current answer (stored as interrupted), {@code ping} gets {@code pong}, anything else an {@code error}.
 * <p>
 * Several connections to one session see the same conversation: through {@link SessionFeed}, on every replica, each
 * gets the answers (whichever connection asked), a human agent's reply during a hand-off, and what the others send
 * (a {@code text} with {@code metadata.role: "user"}); a {@code stop} from any of them stops the session's answer.
 * Welcome, pong and errors go only to the connection concerned. A connection's messages are answered one after
 * another. Closing a connection stops the answer it asked for unless another connection of the session on this replica
 * still listens (connections on other replicas are not counted: the answer stops with its last local listener).
 */
@Component
public class ChatWebSocketHandler extends TextWebSocketHandler {

    private static final Logger log = LoggerFactory.getLogger(ChatWebSocketHandler.class);
    private static final JsonMapper JSON = JsonMapper.builder().build();
    /** Messages waiting for a slow client before the connection is given up on (1013, try again later). */
    static final int OUTBOX_LIMIT = 10_000;
    private static final int MAX_SESSION_ID = 200;

    private final AnswerStreams streams;
    private final SessionFeed feed;
    private final long maxMessageChars;
    private final Map<String, Connection> connections = new ConcurrentHashMap<>();

    public ChatWebSocketHandler(AnswerStreams streams, SessionFeed feed, LiveReplies live,
                                @Value("${platform.realtime.max-message-size:4MB}") DataSize maxMessage) {
        this.streams = streams;
        this.feed = feed;
        this.maxMessageChars = maxMessage.toBytes();
        live.addListener((tenant, conversation, reply) -> feed.publish(tenant, conversation.publicId(), agentReply(reply)));
    }

    /** A human agent's reply during a hand-off: a final text from the agent. */
    static String agentReply(Message reply) {
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("is_final", true);
        metadata.put("role", "agent");
        metadata.put("message_id", reply.getId());
        AssistantReplies.putIfPresent(metadata, "agent_id", reply.getAgent());
        return message("text", reply.getContent(), metadata);
    }

    @Override
    public void afterConnectionEstablished(WebSocketSession ws) throws IOException {
        Identity identity = (Identity) ws.getAttributes().get(ChatWebSocketConfiguration.IDENTITY);
        String sessionId = sessionIdOf(ws.getUri());
        if (identity == null) {
            ws.close(CloseStatus.POLICY_VIOLATION.withReason("Authentication failed"));
            return;
        }
        if (sessionId == null || sessionId.isBlank() || sessionId.length() > MAX_SESSION_ID) {
            ws.sendMessage(new TextMessage(message("error", "session_id must be 1 to " + MAX_SESSION_ID + " characters", null)));
            ws.close(CloseStatus.POLICY_VIOLATION.withReason("Invalid session id"));
            return;
        }
        Connection connection = new Connection(ws, identity, sessionId);
        connections.put(ws.getId(), connection);
        connection.open();
    }

    /**
     * The container hands over large messages in parts, so that each connection only holds a small buffer (Tomcat
     * allocates its whole message buffer per connection); the parts are joined here up to the configured size.
     */
    @Override
    public boolean supportsPartialMessages() {
        return true;
    }

    @Override
    protected void handleTextMessage(WebSocketSession ws, TextMessage message) throws IOException {
        Connection connection = connections.get(ws.getId());
        if (connection == null) {
            return;
        }
        if (message.isLast() && connection.partial.isEmpty()) {
            connection.receive(message.getPayload());
            return;
        }
        if (connection.partial.length() + message.getPayloadLength() > maxMessageChars) {
            connection.partial.setLength(0);
            ws.close(CloseStatus.TOO_BIG_TO_PROCESS.withReason("Message larger than " + maxMessageChars + " bytes"));
            return;
        }
        connection.partial.append(message.getPayload());
        if (message.isLast()) {
            String whole = connection.partial.toString();
            connection.partial.setLength(0);
            connection.receive(whole);
        }
    }

    @Override
    public void handleTransportError(WebSocketSession ws, Throwable exception) {
        log.debug("WebSocket {} transport error: {}", ws.getId(), exception.toString());
    }

    @Override
    public void afterConnectionClosed(WebSocketSession ws, CloseStatus status) {
        Connection connection = connections.remove(ws.getId());
        if (connection != null) {
            connection.close();
        }
    }

    /** Open connections on this replica. */
    public int openConnections() {
        return connections.size();
    }

    static String sessionIdOf(URI uri) {
        if (uri == null || uri.getRawPath() == null) {
            return null;
        }
        String path = uri.getRawPath();
        return URLDecoder.decode(path.substring(path.lastIndexOf('/') + 1), StandardCharsets.UTF_8);
    }

    /** A server message: type, content and metadata where given, and always an ISO-8601 timestamp. */
    static String message(String type, String content, Map<String, Object> metadata) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("type", type);
        AssistantReplies.putIfPresent(out, "content", content);
        AssistantReplies.putIfPresent(out, "metadata", metadata);
        out.put("timestamp", Instant.now().truncatedTo(ChronoUnit.MILLIS).toString());
        return JSON.writeValueAsString(out);
    }

    private static String audioMessage(byte[] wav, int sampleRate) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("type", "audio");
        out.put("audio_data", Base64.getEncoder().encodeToString(wav));
        out.put("sample_rate", sampleRate);
        out.put("metadata", Map.of("is_final", true));
        out.put("timestamp", Instant.now().truncatedTo(ChronoUnit.MILLIS).toString());
        return JSON.writeValueAsString(out);
    }

    private static String errorMessage(ApiError error) {
        String text = error.details() != null && !error.details().equals(error.message())
                ? error.message() + ": " + error.details() : error.message();
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("status_code", error.status());
        AssistantReplies.putIfPresent(metadata, "field", error.field());
        return message("error", text, metadata);
    }

    /** What another connection of the session sent, as the others see it. */
    static String userMessage(String content) {
        return message("text", content, Map.of("role", "user"));
    }

    /** One client connection: its outbox (written by one sender thread) and its answers (run one at a time). */
    private final class Connection implements AnswerObserver, SessionFeed.Member {
        private static final String CLOSE = new String("close");

        /** A message arriving in parts (only the container's thread for this connection touches it). */
        final StringBuilder partial = new StringBuilder();
        private final WebSocketSession ws;
        private final Identity identity;
        private final String sessionId;
        /** Unique across replicas (the container's session ids are only unique within one). */
        private final String memberId = java.util.UUID.randomUUID().toString();
        private final LinkedBlockingQueue<String> outbox = new LinkedBlockingQueue<>(OUTBOX_LIMIT);
        private final ExecutorService turns = Executors.newSingleThreadExecutor(Thread.ofVirtual().name("ws-turn").factory());
        private volatile Cancellation current;
        private volatile AutoCloseable subscription;

        Connection(WebSocketSession ws, Identity identity, String sessionId) {
            this.ws = ws;
            this.identity = identity;
            this.sessionId = sessionId;
        }

        void open() {
            Thread.ofVirtual().name("ws-send").start(this::sendLoop);
            subscription = feed.join(identity.tenantId(), sessionId, memberId, this);
            enqueue(message("system", "Connected to chat session", Map.of("session_id", sessionId)));
        }

        private void sendLoop() {
            try {
                while (true) {
                    String next = outbox.take();
                    if (next == CLOSE) {
                        return;
                    }
                    ws.sendMessage(new TextMessage(next));
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (IOException | IllegalStateException e) {
                log.debug("WebSocket {} send failed: {}", ws.getId(), e.toString());
                closeQuietly(CloseStatus.SERVER_ERROR);
            }
        }

        @Override
        public void hear(String message) {
            enqueue(message);
        }

        @Override
        public void stopAnswer() {
            Cancellation running = current;
            if (running != null) {
                running.cancel();
            }
        }

        void enqueue(String text) {
            if (!outbox.offer(text)) {
                log.warn("WebSocket {} has {} messages waiting; closing it", ws.getId(), OUTBOX_LIMIT);
                closeQuietly(new CloseStatus(1013, "Client too slow"));
            }
        }

        private void publish(String text) {
            feed.publish(identity.tenantId(), sessionId, text);
        }

        private void error(String text) {
            enqueue(message("error", text, null));
        }

        void receive(String payload) {
            JsonNode node;
            try {
                node = JSON.readTree(payload);
            } catch (JacksonException e) {
                error("Invalid JSON: the message could not be parsed");
                return;
            }
            JsonNode type = node == null ? null : node.get("type");
            if (node == null || !node.isObject() || type == null || !type.isString()) {
                error("Invalid message: a JSON object with a string \"type\" is expected");
                return;
            }
            JsonNode metadata = node.path("metadata");
            switch (type.asString()) {
                case "ping" -> enqueue(message("pong", null, null));
                case "stop" -> {
                    stopAnswer(); // at once here; the session's other connections through the feed
                    feed.stopAnswers(identity.tenantId(), sessionId);
                }
                case "text" -> {
                    JsonNode content = node.get("content");
                    if (content == null || !content.isString() || content.asString().isBlank()) {
                        error("content is required for a text message");
                    } else if (content.asString().strip().length() > TurnService.MAX_MESSAGE_CHARS) {
                        error("content must be at most " + TurnService.MAX_MESSAGE_CHARS + " characters");
                    } else {
                        feed.publishFrom(identity.tenantId(), sessionId, memberId, userMessage(content.asString()));
                        answer(new UnifiedChatService.Input(content.asString(), "content", null, null, sessionId,
                                language(metadata), metadata.path("enable_tools").asBoolean(true),
                                metadata.path("expect_audio").asBoolean(false), null));
                    }
                }
                case "audio" -> {
                    JsonNode audio = node.get("audio_data");
                    JsonNode rate = node.get("sample_rate");
                    if (audio == null || !audio.isString() || audio.asString().isBlank()) {
                        error("audio_data is required for an audio message");
                    } else if (rate != null && !rate.isNull() && !rate.isIntegralNumber()) {
                        error("sample_rate must be an integer");
                    } else {
                        answer(new UnifiedChatService.Input(null, null, audio.asString(),
                                rate == null || rate.isNull() ? null : rate.asInt(), sessionId, language(metadata),
                                metadata.path("enable_tools").asBoolean(true), metadata.path("expect_audio").asBoolean(false), null));
                    }
                }
                default -> error("Unknown message type: " + type.asString()
                        + " (expected text, audio, stop or ping)");
            }
        }

        private String language(JsonNode metadata) {
            JsonNode language = metadata.get("assistant_language");
            return language != null && language.isString() && language.asString().matches(AssistantReplies.LANGUAGE)
                    ? language.asString() : null;
        }

        private void answer(UnifiedChatService.Input input) {
            try {
                turns.execute(() -> IdentityContext.runAs(identity, () -> run(input)));
            } catch (java.util.concurrent.RejectedExecutionException e) {
                // the connection is closing
            }
        }

        private void run(UnifiedChatService.Input input) {
            Cancellation cancellation = new Cancellation();
            current = cancellation;
            try {
                UnifiedChatService.Reply reply = streams.answer(input, this, cancellation);
                Map<String, Object> metadata = new LinkedHashMap<>();
                metadata.put("is_final", true);
                metadata.putAll(AssistantReplies.metadata(reply));
                publish(message("text", reply.turn().response(), metadata));
                if (reply.speech() != null) {
                    publish(audioMessage(reply.speech().wav(), reply.speech().sampleRate()));
                }
            } catch (ApiException e) {
                enqueue(errorMessage(e.error()));
            } catch (GenerationCancelledException e) {
                // stopped before anything was stored
            } catch (RuntimeException e) {
                log.error("Answering on WebSocket {} failed", ws.getId(), e);
                error("The answer could not be completed");
            } finally {
                current = null;
            }
        }

        @Override
        public void status(String stage, String text) {
            publish(message("status", text, Map.of("stage", stage)));
        }

        @Override
        public void transcript(SpeechToText.Transcript transcript) {
            Map<String, Object> metadata = new LinkedHashMap<>();
            AssistantReplies.putIfPresent(metadata, "confidence", transcript.confidence());
            AssistantReplies.putIfPresent(metadata, "language", transcript.language());
            publish(message("transcript", transcript.text(), metadata));
        }

        @Override
        public void token(String text) {
            Cancellation running = current;
            if (running != null && running.isCancelled()) {
                throw new GenerationCancelledException();
            }
            publish(message("text", text, Map.of("is_streaming", true)));
        }

        @Override
        public void tool(ToolEvent event) {
            Map<String, Object> metadata = AssistantReplies.toolEvent(event);
            metadata.remove("tool");
            publish(message("tool", event.tool(), metadata));
        }

        void close() {
            try {
                if (subscription != null) {
                    subscription.close();
                }
            } catch (Exception e) {
                log.debug("Unsubscribing failed: {}", e.toString());
            }
            if (feed.localMembers(identity.tenantId(), sessionId) == 0) {
                stopAnswer(); // nobody here listens any more: do not pay for the rest of the answer
            }
            turns.shutdown();
            outbox.clear();
            outbox.offer(CLOSE);
        }

        private void closeQuietly(CloseStatus status) {
            try {
                ws.close(status);
            } catch (IOException e) {
                log.debug("Closing WebSocket {} failed: {}", ws.getId(), e.toString());
            }
        }
    }
}
