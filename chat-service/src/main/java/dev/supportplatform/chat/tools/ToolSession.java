package dev.supportplatform.chat.tools;

import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.agent.tool.ToolSpecification;
import dev.supportplatform.chat.model.Passage;
import dev.supportplatform.chat.model.ToolCalling;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The tools of one turn and the record of every call made in it. A remote model calls tools through
 * {@link #execute}; the pipeline reports its own steps that are tool calls in effect (the knowledge search, the
 * account lookup, opening a ticket) through {@link #record}. Either way each call produces a start event and an end
 * or error event, sent to the {@link ToolListener} as it happens and kept for the response; finished calls are
 * published as {@code tool.invoked} events with the answer.
 */
public final class ToolSession implements ToolCalling {

    private static final Logger log = LoggerFactory.getLogger(ToolSession.class);
    private static final JsonMapper JSON = JsonMapper.builder().build();
    /** Results are cut to this before they go back to the model, so one chatty tool cannot flood its context. */
    static final int MAX_RESULT_CHARS = 4000;

    /** A finished call as analytics counts it. */
    record Finished(String tool, String status, long latencyMs, String errorCode) {
    }

    private final Map<String, Tool> tools;
    private final ToolListener listener;
    private final ToolEventPublisher publisher;
    private final List<ToolEvent> events = new CopyOnWriteArrayList<>();
    private final List<Finished> finished = new CopyOnWriteArrayList<>();
    private volatile ToolContext context = ToolContext.NONE;

    ToolSession(List<Tool> tools, ToolListener listener, ToolEventPublisher publisher) {
        Map<String, Tool> byName = new LinkedHashMap<>();
        tools.forEach(t -> byName.putIfAbsent(t.name(), t));
        this.tools = Collections.unmodifiableMap(byName);
        this.listener = listener == null ? ToolListener.NONE : listener;
        this.publisher = publisher;
    }

    /** Tells the tools which conversation and customer they act for (known once the user message is stored). */
    public void bind(String conversationId, String contactExternalId) {
        this.context = new ToolContext(conversationId, contactExternalId);
    }

    public List<String> toolNames() {
        return List.copyOf(tools.keySet());
    }

    /** Every event so far, in order. */
    public List<ToolEvent> events() {
        return List.copyOf(events);
    }

    @Override
    public List<ToolSpecification> specifications() {
        return tools.values().stream().map(Tool::specification).toList();
    }

    @Override
    public String execute(ToolExecutionRequest request) {
        Tool tool = tools.get(request.name());
        Map<String, Object> args;
        try {
            args = parseArguments(request.arguments());
        } catch (RuntimeException e) {
            fail(request.name(), Map.of("raw", String.valueOf(request.arguments())), 0, "invalid_arguments",
                    "The arguments are not a JSON object");
            return "Error: the arguments must be a JSON object";
        }
        if (tool == null) {
            fail(request.name(), args, 0, "unknown_tool", "No tool named " + request.name());
            return "Error: there is no tool named " + request.name() + "; available: " + String.join(", ", tools.keySet());
        }
        try {
            String result = call(request.name(), args, () -> tool.execute(args, context), r -> r);
            return result.length() <= MAX_RESULT_CHARS ? result : result.substring(0, MAX_RESULT_CHARS) + " [truncated]";
        } catch (RuntimeException e) {
            return "Error: " + messageOf(e);
        }
    }

    /**
     * Runs a pipeline step as a reported tool call. A failure is recorded and rethrown, so the caller handles it as
     * it would without tools.
     *
     * @param describe what the step's result looks like in a preview
     */
    public <T> T record(String tool, Map<String, Object> args, Supplier<T> work, Function<T, String> describe) {
        return call(tool, args, work, describe);
    }

    /** Runs one of this session's tools on the pipeline's behalf; empty when the session does not have it. */
    public java.util.Optional<String> run(String tool, Map<String, Object> args) {
        Tool t = tools.get(tool);
        return t == null ? java.util.Optional.empty() : java.util.Optional.of(call(tool, args, () -> t.execute(args, context), r -> r));
    }

    /**
     * The customer's own account record as a passage, when the question is about their account and the CRM
     * lookup tool is in this session; reported as a {@code crm_lookup} call. A CRM failure only costs the passage.
     */
    public List<Passage> accountPassages(String question) {
        if (!AccountQuestion.matches(question) || !tools.containsKey(CrmLookupTool.NAME) || context.contactExternalId() == null) {
            return List.of();
        }
        try {
            return run(CrmLookupTool.NAME, Map.of()).map(record -> List.of(CrmLookupTool.asPassage(record))).orElse(List.of());
        } catch (RuntimeException e) {
            return List.of();
        }
    }

    /** Whether an answer to this question would hold the customer's own data (and so must not be cached for others). */
    public boolean isPersonal(String question) {
        return tools.containsKey(CrmLookupTool.NAME) && AccountQuestion.matches(question);
    }

    /** Publishes the finished calls as {@code tool.invoked} events; must run inside the answer's transaction. */
    public void publish(UUID conversationUuid, String conversationPublicId) {
        if (!finished.isEmpty()) {
            publisher.publish(conversationUuid, conversationPublicId, new ArrayList<>(finished));
        }
    }

    private <T> T call(String tool, Map<String, Object> args, Supplier<T> work, Function<T, String> describe) {
        emit(ToolEvent.start(tool, args));
        long started = System.nanoTime();
        try {
            T result = work.get();
            long latency = elapsed(started);
            emit(ToolEvent.end(tool, args, latency, describe.apply(result)));
            finished.add(new Finished(tool, ToolEvent.END, latency, null));
            return result;
        } catch (RuntimeException e) {
            fail(tool, args, elapsed(started), codeOf(e), messageOf(e));
            throw e;
        }
    }

    private void fail(String tool, Map<String, Object> args, long latency, String code, String message) {
        emit(ToolEvent.error(tool, args, latency, message));
        finished.add(new Finished(tool, ToolEvent.ERROR, latency, code));
    }

    private void emit(ToolEvent event) {
        events.add(event);
        try {
            listener.onToolEvent(event);
        } catch (RuntimeException e) {
            log.warn("A tool listener failed ({}); the turn goes on", e.getClass().getSimpleName());
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> parseArguments(String json) {
        if (json == null || json.isBlank()) {
            return Map.of();
        }
        Object parsed = JSON.readValue(json, Object.class);
        if (!(parsed instanceof Map<?, ?> map)) {
            throw new IllegalArgumentException("not an object");
        }
        return (Map<String, Object>) map;
    }

    private static String codeOf(RuntimeException e) {
        return e instanceof ToolFailedException f ? f.code() : e.getClass().getSimpleName();
    }

    private static String messageOf(RuntimeException e) {
        if (e instanceof ToolFailedException) {
            return e.getMessage();
        }
        // Exception messages of HTTP clients can carry URLs and bodies; the class name tells enough.
        return "The tool failed (" + e.getClass().getSimpleName() + ")";
    }

    private static long elapsed(long startedNanos) {
        return (System.nanoTime() - startedNanos) / 1_000_000;
    }
}
