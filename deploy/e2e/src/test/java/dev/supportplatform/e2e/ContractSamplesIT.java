package dev.supportplatform.e2e;

import dev.supportplatform.common.test.TestDocuments;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.fail;

/**
 * issue 11: each contract's own sample usage, taken from the contract's markdown at test time (section heading + code
 * fence), runs against the running platform through the gateway with python3, node or bash + curl, and every response
 * it got matches what the contract documents for that endpoint, field by field (see {@link DocumentedShape}).
 * What the suite changes in a sample: the documented host (and, for platform.md, base path) becomes the gateway's URL,
 * credential placeholders become a tenant's API key, and samples that send no credential get one header added by the
 * runtime shims ({@link SampleRunner}). Anything else added is named at the test. Each sample runs in a tenant of its
 * own, so fixed sample data ("john@example.com", "sess_123") never collides.
 */
@ExtendWith(E2ePlatform.Resolver.class)
class ContractSamplesIT {

    static final JsonMapper JSON = JsonMapper.builder().build();

    private static E2ePlatform platform;
    private static final ContractDoc AGENTS = ContractDoc.load("agents.md");
    private static final ContractDoc SUPPORT = ContractDoc.load("support.md");
    private static final ContractDoc ASSISTANT = ContractDoc.load("assistant.md");
    private static final ContractDoc PLATFORM = ContractDoc.load("platform.md");
    private static final ContractDoc CONVERSATIONS = ContractDoc.load("conversations.md");

    @BeforeAll
    static void platform(E2ePlatform running) {
        platform = running;
    }

    /** One request a sample is expected to make, and the contract's documented response for it. */
    record Expected(String method, String pathPattern, DocumentedShape shape) {
    }

    static Expected expect(String method, String pathPattern, DocumentedShape shape) {
        return new Expected(method, pathPattern, shape);
    }

    /**
     * The problems with a sample's run: a non-zero exit, a different sequence of requests than expected, a non-2xx
     * status, a body that is not JSON or does not match the documented response. Each names the sample, the request,
     * the field, expected and actual.
     */
    static List<String> problems(SampleRunner.Result result, List<Expected> expected) {
        List<String> problems = new ArrayList<>();
        String sample = "[" + result.sample() + "] ";
        if (result.exitCode() != 0) {
            problems.add(sample + "exit code: expected 0, actual " + result.exitCode());
        }
        List<SampleRunner.Exchange> http = result.http();
        for (int i = 0; i < Math.max(http.size(), expected.size()); i++) {
            if (i >= http.size()) {
                problems.add(sample + "request " + (i + 1) + ": expected " + expected.get(i).method() + " " + expected.get(i).pathPattern()
                        + ", actual none");
                continue;
            }
            SampleRunner.Exchange exchange = http.get(i);
            String request = sample + exchange.method() + " " + exchange.path();
            if (i >= expected.size()) {
                problems.add(request + ": not expected (" + exchange.status() + ")");
                continue;
            }
            Expected e = expected.get(i);
            if (!e.method().equals(exchange.method()) || !Pattern.matches(e.pathPattern(), exchange.path())) {
                problems.add(request + ": expected " + e.method() + " " + e.pathPattern());
                continue;
            }
            if (exchange.status() < 200 || exchange.status() > 299) {
                problems.add(request + ": status: expected 2xx, actual " + exchange.status() + " " + exchange.body());
                continue;
            }
            JsonNode body;
            try {
                body = JSON.readTree(exchange.body());
            } catch (RuntimeException notJson) {
                problems.add(request + ": body: expected JSON, actual " + exchange.body());
                continue;
            }
            e.shape().mismatches(body).forEach(m -> problems.add(request + " vs " + m));
        }
        return problems;
    }

    static void assertNoProblems(SampleRunner.Result result, List<String> problems) {
        if (!problems.isEmpty()) {
            fail(problems.size() + " problem(s) with the sample:\n  " + String.join("\n  ", problems) + "\n\n" + result.describe());
        }
    }

    private static JsonNode json(SampleRunner.Exchange exchange) {
        return JSON.readTree(exchange.body());
    }

    private static SampleRunner runner(E2ePlatform.Tenant tenant) {
        return new SampleRunner(platform.gatewayUrl(), tenant.apiKey());
    }

    // ------------------------------------------------------------------------------------------------ agents.md

    private static DocumentedShape agents(String section, String marker) {
        return DocumentedShape.of(AGENTS.name + " \"" + section + "\"", AGENTS.section(section).jsonAfter(marker)).expect("success", true);
    }

    /** The per-day figures are means over the last 30 days (docs/analytics-figures.md): the example's 150, 50, 5 are
     *  whole numbers, the platform's are not always. */
    static DocumentedShape systemAnalytics() {
        return agents("Get System Analytics", "**Response Schema:**").numbers("data.usage_metrics.messages_per_day",
                        "data.usage_metrics.conversations_per_day", "data.usage_metrics.new_users_per_day")
                // null until analytics has counted an answer that ran a search (docs/analytics-figures.md); the samples
                // ask a fraction of a second after their question, and the figures follow the events
                .nullable("data.document_metrics.avg_retrieval_time");
    }

    @Test
    void agentsCompleteChatFlowRunsWithCurl() {
        String script = AGENTS.section("Complete Chat Flow").code("bash").replace("http://localhost:8000", platform.gatewayUrl());
        SampleRunner.Result result = runner(platform.newTenant("agents-flow"))
                .withFile("product_manual.pdf", TestDocuments.pdf("The product has offline mode, team sharing and a REST API."))
                .bash("agents.md Complete Chat Flow", script);

        List<String> problems = problems(result, List.of(
                expect("POST", "/crm/create_user", agents("Create User", "**Response Schema:**")
                        // phone and role: the sample creates the user without them
                        .nullable("data.phone", "data.role")
                        .expect("data.name", "John Doe").expect("data.email", "john@example.com").expect("data.company", "Acme Corp")),
                expect("POST", "/sessions/create", agents("Create Session", "**Response Schema:**").expect("data.user_id", "user123")),
                expect("POST", "/upload_docs", agents("Upload Documents", "**Response Schema:**")
                        .nullable("data.uploaded_files[].error") // "(if failed)"
                        .expect("data.total_uploaded", 1).expect("data.total_failed", 0)
                        .expect("data.uploaded_files[0].filename", "product_manual.pdf").expect("data.uploaded_files[0].status", "success")),
                expect("POST", "/chat", DocumentedShape.of(AGENTS.name + " \"Send Message\"",
                        AGENTS.section("Send Message").jsonAfter("**Response Schema:**"))
                        // the flow chats as "user123", which is not a CRM contact (step 1's John Doe got a generated id):
                        // nothing is known of them but the id
                        .nullable("user_info.name", "user_info.email", "user_info.company")),
                expect("GET", "/crm/conversations/user123", agents("Get User Conversations", "**Response Schema:**")),
                expect("GET", "/admin/analytics/system", systemAnalytics())));
        List<SampleRunner.Exchange> http = result.http();
        if (problems.isEmpty() && json(http.get(4)).get("data").isEmpty()) {
            problems.add("[agents.md Complete Chat Flow] GET /crm/conversations/user123: data: expected the conversation of step 4, actual []");
        }
        assertNoProblems(result, problems);
    }

    @Test
    void agentsPythonChatbotClientRuns() {
        String code = AGENTS.section("Python Client Example").code("python").replace("http://localhost:8000", platform.gatewayUrl());
        SampleRunner.Result result = runner(platform.newTenant("agents-py")).python("agents.md ChatbotClient", code);

        List<String> problems = problems(result, List.of(
                expect("POST", "/crm/create_user", agents("Create User", "**Response Schema:**")
                        .nullable("data.phone", "data.role") // the client sends name, email and company only
                        .expect("data.name", "John Doe").expect("data.company", "Acme Corp")),
                expect("POST", "/sessions/create", agents("Create Session", "**Response Schema:**")),
                expect("POST", "/chat", DocumentedShape.of(AGENTS.name + " \"Send Message\"",
                        AGENTS.section("Send Message").jsonAfter("**Response Schema:**"))
                        .expect("user_info.name", "John Doe").expect("user_info.email", "john@example.com"))));
        if (problems.isEmpty() && !result.stdout().strip().equals(json(result.http().get(2)).get("response").asString().strip())) {
            problems.add("[agents.md ChatbotClient] stdout: expected the chat response, actual " + result.stdout());
        }
        assertNoProblems(result, problems);
    }

    /** The "Sample Request" cURL of each agents.md endpoint that has one, in the document's order, in one tenant. */
    @Test
    void agentsEndpointSampleRequestsRunWithCurl() {
        List<String> sections = List.of("Create Session", "Send Message", "Create User", "Upload Documents");
        String script = String.join("\n", sections.stream().map(s -> AGENTS.section(s).code("bash")).toList())
                .replace("http://localhost:8000", platform.gatewayUrl());
        SampleRunner.Result result = runner(platform.newTenant("agents-requests"))
                .withFile("document1.pdf", TestDocuments.pdf("Contact management keeps every customer in one place."))
                .withFile("document2.csv", "feature,plan\nlead tracking,pro\nreports,team\n".getBytes(java.nio.charset.StandardCharsets.UTF_8))
                .withFile("document3.txt", "The CRM system includes contact management and lead tracking.".getBytes(java.nio.charset.StandardCharsets.UTF_8))
                .bash("agents.md Sample Requests", script);

        List<String> problems = problems(result, List.of(
                expect("POST", "/sessions/create", agents("Create Session", "**Response Schema:**").expect("data.user_id", "user123")),
                expect("POST", "/chat", DocumentedShape.of(AGENTS.name + " \"Send Message\" Sample Response",
                                AGENTS.section("Send Message").jsonAfter("**Sample Response:**"))
                        .expect("conversation_id", "conv456")
                        // user123 is not a CRM contact (yet: Create User comes next in the document)
                        .nullable("user_info.name", "user_info.email", "user_info.company")),
                expect("POST", "/crm/create_user", agents("Create User", "**Response Schema:**")
                        .expect("data.phone", "+1234567890").expect("data.role", "Manager")),
                expect("POST", "/upload_docs", agents("Upload Documents", "**Response Schema:**")
                        .nullable("data.uploaded_files[].error") // "(if failed)"
                        .expect("data.total_uploaded", 3).expect("data.total_failed", 0))));
        assertNoProblems(result, problems);
    }

    // ------------------------------------------------------------------------------------------------ support.md

    private static DocumentedShape supportQuery() {
        return DocumentedShape.of(SUPPORT.name + " \"POST /api/query\"", SUPPORT.section("POST /api/query").jsonAfter("**Response:**"));
    }

    private static DocumentedShape supportEscalation() {
        return DocumentedShape.of(SUPPORT.name + " \"POST /api/escalation\"", SUPPORT.section("POST /api/escalation").jsonAfter("**Response:**"))
                .expect("session_id", "sess_123").expect("priority", "medium");
    }

    /** Either SDK: its query, then its escalation. */
    private static void assertSupportSdkRan(SampleRunner.Result result) {
        assertNoProblems(result, problems(result, List.of(expect("POST", "/api/query", supportQuery()),
                expect("POST", "/api/escalation", supportEscalation()))));
    }

    /**
     * POST /api/query's Example Request ("I cannot access my account and I am very frustrated"). Its Example Response
     * shows a sentiment of -0.6 and a negative_sentiment hand-off; the platform scores it -0.447, above the default (-0.5)
     * escalation threshold, and answers itself: the check is the response schema and a negative sentiment.
     */
    @Test
    void supportQueryExampleRequestRunsWithCurl() {
        String script = SUPPORT.section("POST /api/query").code("bash").replace("http://localhost:8080", platform.gatewayUrl());
        SampleRunner.Result result = runner(platform.newTenant("support-example")).bash("support.md POST /api/query Example Request", script);

        List<String> problems = problems(result, List.of(expect("POST", "/api/query", supportQuery().expect("cached", false))));
        if (problems.isEmpty() && !(json(result.http().get(0)).get("sentiment_score").asDouble() < 0)) {
            problems.add("[support.md POST /api/query Example Request] sentiment_score: expected below 0 (\"very frustrated\"), actual "
                    + json(result.http().get(0)).get("sentiment_score"));
        }
        assertNoProblems(result, problems);
    }

    @Test
    void supportPythonSdkRuns() {
        // The SDK's second method, which its usage block does not call, is called once more at the end.
        String code = SUPPORT.section("Python SDK").code("python").replace("http://localhost:8080", platform.gatewayUrl())
                + "\nprint(client.create_escalation(\"sess_123\", \"manual_request\")[\"ticket_id\"])\n";
        assertSupportSdkRan(runner(platform.newTenant("support-py")).python("support.md Python SDK", code));
    }

    @Test
    void supportJavaScriptSdkRuns() {
        String code = SUPPORT.section("JavaScript SDK").code("javascript").replace("http://localhost:8080", platform.gatewayUrl())
                + "\nconsole.log((await client.createEscalation('sess_123', 'manual_request')).ticket_id);\n";
        assertSupportSdkRan(runner(platform.newTenant("support-js")).node("support.md JavaScript SDK", code));
    }

    @Test
    void supportTestScenariosRunWithCurl() {
        String script = SUPPORT.section("Example Test Scenarios").code("bash").replace("http://localhost:8080", platform.gatewayUrl());
        SampleRunner.Result result = runner(platform.newTenant("support-scen")).bash("support.md Example Test Scenarios", script);

        List<String> problems = problems(result, List.of(expect("POST", "/api/query", supportQuery()),
                expect("POST", "/api/query", supportQuery()), expect("POST", "/api/query", supportQuery())));
        if (problems.isEmpty()) {
            List<JsonNode> answers = result.http().stream().map(ContractSamplesIT::json).toList();
            if (!(answers.get(1).get("complexity_score").asDouble() > answers.get(0).get("complexity_score").asDouble())) {
                problems.add("[support.md Example Test Scenarios] complex query: complexity_score: expected above the simple query's "
                        + answers.get(0).get("complexity_score") + ", actual " + answers.get(1).get("complexity_score"));
            }
            if (!(answers.get(2).get("sentiment_score").asDouble() < 0)) {
                problems.add("[support.md Example Test Scenarios] negative sentiment: sentiment_score: expected below 0, actual "
                        + answers.get(2).get("sentiment_score"));
            }
        }
        assertNoProblems(result, problems);
    }

    // ------------------------------------------------------------------------------------------------ assistant.md

    /** assistant.md's examples share one setup (API_BASE, API_KEY, headers): the REST example's lines before its first call. */
    private static String assistantSetup() {
        String rest = ASSISTANT.section("Complete Chat Flow (REST)").code("python");
        return assistantHost(rest.substring(0, rest.indexOf("# Send chat message")));
    }

    private static String assistantHostKey(String code, E2ePlatform.Tenant tenant) {
        return assistantHost(code).replace("your-api-key", tenant.apiKey());
    }

    private static String assistantHost(String code) {
        return code.replace("http://localhost:8001", platform.gatewayUrl());
    }

    /** The voice response (unified chat's is "Same as /v1/chat/voice"); UnifiedChatResponse marks the speech fields optional. */
    private static DocumentedShape assistantChatResponse() {
        return DocumentedShape.of(ASSISTANT.name + " \"POST /v1/chat/voice\"", ASSISTANT.section("POST /v1/chat/voice").jsonAfter("**Response**"));
    }

    @Test
    void assistantRestChatFlowRuns() {
        E2ePlatform.Tenant tenant = platform.newTenant("assistant-rest");
        String code = assistantHostKey(ASSISTANT.section("Complete Chat Flow (REST)").code("python"), tenant);
        SampleRunner.Result result = runner(tenant).python("assistant.md Complete Chat Flow (REST)", code);

        List<String> problems = problems(result, List.of(expect("POST", "/v1/chat/unified", assistantChatResponse()
                // text in, no audio or language asked for: UnifiedChatResponse's optional fields (transcript?, audio_b64?, ...)
                .nullable("transcript", "audio_b64", "audio_sample_rate", "stt_confidence", "stt_language", "assistant_language"))));
        if (problems.isEmpty() && !result.stdout().startsWith("Assistant: " + json(result.http().get(0)).get("content").asString())) {
            problems.add("[assistant.md Complete Chat Flow (REST)] stdout: expected \"Assistant: <content>\", actual " + result.stdout());
        }
        assertNoProblems(result, problems);
    }

    @Test
    void assistantVoiceInputRuns() throws Exception {
        E2ePlatform.Tenant tenant = platform.newTenant("assistant-voice");
        String code = assistantSetup().replace("your-api-key", tenant.apiKey()) + ASSISTANT.section("Voice Input (Python)").code("python");
        SampleRunner runner = runner(tenant);
        // audio.wav, which the sample reads: a spoken question synthesized by eSpeak NG (installed by .ci/install-infra.sh)
        Process espeak = new ProcessBuilder("espeak-ng", "-w", runner.workDir.resolve("audio.wav").toString(),
                "What are your opening hours").inheritIO().start();
        if (espeak.waitFor() != 0) {
            fail("espeak-ng could not write audio.wav");
        }
        SampleRunner.Result result = runner.python("assistant.md Voice Input (Python)", code);

        List<String> problems = problems(result, List.of(expect("POST", "/v1/chat/voice", assistantChatResponse())));
        if (problems.isEmpty() && !java.nio.file.Files.exists(runner.workDir.resolve("response.wav"))) {
            problems.add("[assistant.md Voice Input (Python)] response.wav: expected the sample to save the response audio, actual none");
        }
        assertNoProblems(result, problems);
    }

    @Test
    void assistantDocumentUploadRunsWithCurl() {
        E2ePlatform.Tenant tenant = platform.newTenant("assistant-upload");
        String script = assistantHostKey(ASSISTANT.section("Document Upload (cURL)").code("bash"), tenant);
        SampleRunner.Result result = runner(tenant)
                .withFile("document.pdf", TestDocuments.pdf("Our support desk is open from 8am to 6pm on weekdays."))
                .bash("assistant.md Document Upload (cURL)", script);

        List<String> problems = problems(result, List.of(expect("POST", "/v1/ingestion/upload",
                DocumentedShape.of(ASSISTANT.name + " \"POST /v1/ingestion/upload\"",
                        ASSISTANT.section("POST /v1/ingestion/upload").jsonAfter("**Response**"))
                        .expect("status", "success").expect("filename", "document.pdf").expect("pages", 1))));
        assertNoProblems(result, problems);
    }

    /** The documented SSE events of POST /v1/chat/stream ("data: {...}" lines of its Response block), by event name. */
    private static java.util.Map<String, JsonNode> documentedStreamEvents() {
        java.util.Map<String, JsonNode> events = new java.util.LinkedHashMap<>();
        ASSISTANT.section("POST /v1/chat/stream").fences().stream().filter(f -> f.text().startsWith("data: ")).findFirst().orElseThrow()
                .text().lines().filter(l -> l.startsWith("data: ")).map(l -> JSON.readTree(l.substring(6)))
                .forEach(e -> events.putIfAbsent(e.get("event").asString(), e));
        return events;
    }

    @Test
    void assistantStreamingChatRuns() {
        E2ePlatform.Tenant tenant = platform.newTenant("assistant-stream");
        String code = assistantSetup().replace("your-api-key", tenant.apiKey()) + ASSISTANT.section("Streaming Chat (Python)").code("python");
        SampleRunner.Result result = runner(tenant).python("assistant.md Streaming Chat (Python)", code);

        List<String> problems = new ArrayList<>();
        String sample = "[" + result.sample() + "] ";
        if (result.exitCode() != 0) {
            problems.add(sample + "exit code: expected 0, actual " + result.exitCode());
        }
        List<SampleRunner.Exchange> http = result.http();
        if (http.size() != 1 || !http.get(0).path().equals("/v1/chat/stream") || http.get(0).status() != 200) {
            problems.add(sample + "requests: expected one POST /v1/chat/stream answered 200, actual " + http);
        } else {
            java.util.Map<String, JsonNode> documented = documentedStreamEvents();
            List<JsonNode> events = http.get(0).body().lines().filter(l -> l.startsWith("data: ")).map(l -> JSON.readTree(l.substring(6))).toList();
            StringBuilder tokens = new StringBuilder();
            for (JsonNode event : events) {
                String name = event.path("event").asString();
                if (name.equals("tool")) {
                    // the sample enables tools; a tool event's data is assistant.md's ToolEvent
                    DocumentedShape.of(ASSISTANT.name + " \"ToolEvent\"", ASSISTANT.section("ToolEvent").typescriptInterface())
                            .mismatches(event.path("data")).forEach(m -> problems.add(sample + "tool event data vs " + m));
                    continue;
                }
                if (!documented.containsKey(name)) {
                    problems.add(sample + "event " + event + ": expected one of " + documented.keySet() + " or tool");
                    continue;
                }
                DocumentedShape.of(ASSISTANT.name + " \"POST /v1/chat/stream\" " + name + " event", documented.get(name))
                        .mismatches(event).forEach(m -> problems.add(sample + m));
                if (name.equals("token")) {
                    tokens.append(event.path("data").path("text").asString());
                }
            }
            JsonNode done = events.isEmpty() ? null : events.getLast();
            if (done == null || !done.path("event").asString().equals("done")) {
                problems.add(sample + "last event: expected \"done\", actual " + done);
            } else if (!done.path("data").path("final_text").asString().equals(tokens.toString())) {
                problems.add(sample + "done.data.final_text: expected the tokens joined \"" + tokens + "\", actual " + done.path("data").path("final_text"));
            } else if (!result.stdout().equals(tokens + "\n\nDone!\n")) {
                problems.add(sample + "stdout: expected the tokens then \"Done!\", actual " + result.stdout());
            }
        }
        assertNoProblems(result, problems);
    }

    private static JsonNode serverMessage(String label) {
        return ASSISTANT.section("Server → Client Messages").jsonAfter("**" + label + "**:");
    }

    @Test
    void assistantWebSocketChatRuns() {
        E2ePlatform.Tenant tenant = platform.newTenant("assistant-ws");
        String code = ASSISTANT.section("WebSocket Chat (JavaScript)").code("javascript")
                .replace("ws://localhost:8001", platform.gatewayUrl().replaceFirst("^http", "ws")).replace("your-api-key", tenant.apiKey());
        // The sample never closes its socket: the prelude ends it once the final answer has come (E2E_WS_EXIT_ON_FINAL).
        SampleRunner.Result result = new SampleRunner(platform.gatewayUrl(), tenant.apiKey(), java.util.Map.of("E2E_WS_EXIT_ON_FINAL", "1"))
                .node("assistant.md WebSocket Chat (JavaScript)", code, "--experimental-websocket", "--no-warnings");

        List<String> problems = new ArrayList<>();
        String sample = "[" + result.sample() + "] ";
        if (result.exitCode() != 0) {
            problems.add(sample + "exit code: expected 0, actual " + result.exitCode());
        }
        List<JsonNode> messages = result.webSocketMessages().stream().map(m -> JSON.readTree(m.body())).toList();
        if (messages.isEmpty() || !messages.get(0).path("type").asString().equals("system")) {
            problems.add(sample + "first message: expected the system welcome, actual " + (messages.isEmpty() ? "none" : messages.get(0)));
        } else {
            DocumentedShape.of(ASSISTANT.name + " System Message", serverMessage("System Message")).mismatches(messages.get(0))
                    .forEach(m -> problems.add(sample + m));
        }
        JsonNode last = messages.isEmpty() ? null : messages.getLast();
        for (JsonNode message : messages.subList(Math.min(1, messages.size()), messages.size())) {
            String type = message.path("type").asString();
            if (type.equals("text")) {
                boolean isFinal = message.path("metadata").path("is_final").asBoolean(false);
                String label = isFinal ? "Text Response (Final)" : "Text Response (Streaming)";
                DocumentedShape.of(ASSISTANT.name + " " + label, serverMessage(label))
                        .expect(isFinal ? "metadata.is_final" : "metadata.is_streaming", true)
                        .mismatches(message).forEach(m -> problems.add(sample + m));
            } else if (!List.of("status", "tool", "pong").contains(type)) {
                problems.add(sample + "message " + message + ": expected a text, status or tool message");
            }
        }
        if (last == null || !last.path("metadata").path("is_final").asBoolean(false)) {
            problems.add(sample + "last message: expected the final text, actual " + last);
        } else if (!result.stdout().startsWith("Connected\n") || !result.stdout().contains("Assistant: " + last.path("content").asString() + "\n")) {
            problems.add(sample + "stdout: expected \"Connected\" then \"Assistant: <final text>\", actual " + result.stdout());
        }
        assertNoProblems(result, problems);
    }

    // ------------------------------------------------------------------------------------------------ platform.md

    /** platform.md's cURL calls https://api.ourplatform.com/v1/conversations for the documented POST /api/v1/conversations:
     *  its base URL is the gateway's /api. */
    @Test
    void platformCurlRuns() {
        E2ePlatform.Tenant tenant = platform.newTenant("platform-curl");
        String script = PLATFORM.section("REST API with cURL").code("bash")
                .replace("https://api.ourplatform.com", platform.gatewayUrl() + "/api").replace("YOUR_API_KEY", tenant.apiKey());
        SampleRunner.Result result = runner(tenant).bash("platform.md REST API with cURL", script);

        List<String> problems = problems(result, List.of(expect("POST", "/api/v1/conversations",
                DocumentedShape.of(PLATFORM.name + " \"POST /api/v1/conversations\"",
                        PLATFORM.section("POST /api/v1/conversations").jsonAfter("**Response:**")))));
        assertNoProblems(result, problems);
    }

    /** GET /api/v1/analytics's Example Request (an HTTP request line), sent with curl and the credential. */
    @Test
    void platformAnalyticsExampleRequestRuns() {
        E2ePlatform.Tenant tenant = platform.newTenant("platform-analytics");
        String requestLine = PLATFORM.section("GET /api/v1/analytics").fences().stream()
                .filter(f -> f.text().startsWith("GET ")).findFirst().orElseThrow().text().strip();
        String script = "curl -X GET '" + platform.gatewayUrl() + requestLine.substring(4) + "' -H 'Authorization: Bearer " + tenant.apiKey() + "'\n";
        SampleRunner.Result result = runner(tenant).bash("platform.md GET /api/v1/analytics Example Request", script);

        assertNoProblems(result, problems(result, List.of(expect("GET", "/api/v1/analytics",
                DocumentedShape.of(PLATFORM.name + " \"GET /api/v1/analytics\"", PLATFORM.section("GET /api/v1/analytics").jsonAfter("**Response:**"))
                        // the request asks for metrics=conversations,resolution_rate and gets those two; the example
                        // response lists all six
                        .nullable("metrics.ai_resolved", "metrics.escalated", "metrics.avg_response_time", "metrics.customer_satisfaction")
                        .expect("period.start", "2026-01-01").expect("period.end", "2026-01-12")))));
    }

    // ------------------------------------------------------------------------------------------------ conversations.md

    private static DocumentedShape conversations(String section) {
        return DocumentedShape.of(CONVERSATIONS.name + " \"" + section + "\"", CONVERSATIONS.section(section).jsonAfterComment("// Response"))
                .expect("success", true);
    }

    /**
     * conversations.md's ChatService is TypeScript; node runs it after a minimal type erasure (parameter types and
     * `private` removed, nothing else) with a driver that calls each of its methods once, as a page would. The driver
     * uses agent 3 where the examples say 5 (an agent of the contract author's database): every tenant has agents 1-3
     * (general, sales, support); personas a tenant adds are numbered from 100.
     */
    @Test
    void conversationsChatServiceRuns() {
        String typescript = CONVERSATIONS.section("🛠️ React Service Implementation").code("typescript");
        String javascript = typescript.replaceAll("\\bprivate\\s+", "").replaceAll("(\\w+)\\s*:\\s*(string|number|boolean)\\b", "$1");
        String driver = """

                const chat = new ChatService();
                const created = await chat.createConversation('New Customer Inquiry', 3);
                const id = created.data.conversation_id;
                await chat.sendMessage(id, 'My order number is #12345');
                await chat.generateAIResponse(id, 'My order number is #12345', 3);
                await chat.getConversations();
                await chat.getMessages(id);
                await chat.searchMessages('order');
                await chat.getAnalytics();
                """;
        SampleRunner.Result result = runner(platform.newTenant("conversations")).node("conversations.md ChatService", javascript + driver);

        List<String> problems = problems(result, List.of(
                expect("POST", "/chat/conversations", conversations("2. Create New Conversation")),
                expect("POST", "/chat/conversations/\\d+/messages", conversations("5. Add Message to Conversation")
                        .expect("data.content", "My order number is #12345").expect("data.sender", "user")),
                expect("POST", "/chat/conversations/\\d+/ai-response", conversations("6. Generate AI Response")),
                expect("GET", "/chat/conversations", conversations("1. List Conversations").expect("data.total", 1)
                        // a conversation an API key started belongs to no contact
                        .nullable("data.conversations[].user_id")),
                expect("GET", "/chat/conversations/\\d+/messages", conversations("4. Get Conversation Messages")
                        // the customer's own message took no processing: null, not an invented figure
                        .nullable("data.messages[].processing_time")),
                expect("GET", "/chat/search", conversations("11. Search Messages").expect("data.query", "order")),
                expect("GET", "/chat/analytics/dashboard", conversations("9. Get Chat Analytics"))));
        if (problems.isEmpty()) {
            for (JsonNode message : json(result.http().get(4)).get("data").get("messages")) {
                if (!message.get("sender").asString().equals("user") && !message.get("processing_time").isNumber()) {
                    problems.add("[conversations.md ChatService] GET messages: data.messages[].processing_time of the "
                            + message.get("sender") + " message: expected a number, actual " + message.get("processing_time"));
                }
            }
        }
        assertNoProblems(result, problems);
    }
}
