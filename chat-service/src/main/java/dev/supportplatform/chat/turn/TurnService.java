package dev.supportplatform.chat.turn;

import dev.supportplatform.chat.clients.CrmClient;
import dev.supportplatform.chat.clients.EscalationClient;
import dev.supportplatform.chat.clients.KnowledgeClient;
import dev.supportplatform.chat.conversation.Conversation;
import dev.supportplatform.chat.conversation.ConversationService;
import dev.supportplatform.chat.conversation.Message;
import dev.supportplatform.chat.conversation.MessageFacts;
import dev.supportplatform.chat.intent.IntentAction;
import dev.supportplatform.chat.intent.IntentMatch;
import dev.supportplatform.chat.intent.IntentService;
import dev.supportplatform.chat.model.Generation;
import dev.supportplatform.chat.model.GenerationCancelledException;
import dev.supportplatform.chat.model.GenerationRequest;
import dev.supportplatform.chat.model.LocalModel;
import dev.supportplatform.chat.model.ModelRouter;
import dev.supportplatform.chat.model.Passage;
import dev.supportplatform.chat.model.Tokens;
import dev.supportplatform.chat.persona.Persona;
import dev.supportplatform.chat.persona.PersonaService;
import dev.supportplatform.chat.tools.CreateTicketTool;
import dev.supportplatform.chat.tools.SemanticSearchTool;
import dev.supportplatform.chat.tools.ToolSession;
import dev.supportplatform.common.dialect.ApiError;
import dev.supportplatform.common.dialect.ErrorKind;
import dev.supportplatform.common.events.payload.ChatEvents;
import dev.supportplatform.common.service.identity.IdentityContext;
import dev.supportplatform.common.service.web.ApiException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The AI turn, free of HTTP and Kafka: store the user message, score it, route it to an agent, answer from the
 * cache or from retrieval and generation, measure confidence, decide escalation, store the answer and publish the
 * events. A failing model never leaves the user message unanswered: the chain ends in the local model, and should
 * that fail too the failure is stored as a message before the error is returned.
 */
@Service
public class TurnService {

    private static final Logger log = LoggerFactory.getLogger(TurnService.class);
    private static final JsonMapper JSON = JsonMapper.builder().build();
    public static final int MAX_MESSAGE_CHARS = 8000;

    private final ConversationService conversations;
    private final PersonaService personas;
    private final KnowledgeClient knowledge;
    private final EscalationClient escalation;
    private final ContactDirectory contacts;
    private final ModelRouter models;
    private final ResponseCache cache;
    private final EscalationPolicy policy;
    private final TransactionTemplate tx;
    private final Clock clock;
    private final MessageAnalyser analyser;
    private final int topK;
    private final int memoryTokens;

    public TurnService(ConversationService conversations, PersonaService personas, KnowledgeClient knowledge,
                       EscalationClient escalation, ContactDirectory contacts, ModelRouter models, ResponseCache cache,
                       EscalationPolicy policy, TransactionTemplate tx, Clock clock, MessageAnalyser analyser,
                       @Value("${platform.retrieval.top-k:5}") int topK,
                       @Value("${platform.memory.max-tokens:1500}") int memoryTokens) {
        this.conversations = conversations;
        this.personas = personas;
        this.knowledge = knowledge;
        this.escalation = escalation;
        this.contacts = contacts;
        this.models = models;
        this.cache = cache;
        this.policy = policy;
        this.tx = tx;
        this.clock = clock;
        this.analyser = analyser;
        this.topK = topK;
        this.memoryTokens = memoryTokens;
    }

    public TurnResult handle(TurnRequest request) {
        return handle(request, null);
    }

    /** @param onToken receives the answer word by word as it is generated (null: no streaming) */
    public TurnResult handle(TurnRequest request, Consumer<String> onToken) {
        return handle(request, onToken, null);
    }

    /**
     * A streamed turn that can be stopped: when {@code cancellation} is set (or {@code onToken} throws
     * {@link GenerationCancelledException}) generation stops, and the text generated so far is stored as the answer
     * with {@code interrupted: true} in its metadata; the result then has {@link TurnResult#interrupted()} set.
     */
    public TurnResult handle(TurnRequest request, Consumer<String> onToken, Cancellation cancellation) {
        long started = System.nanoTime();
        Map<String, Double> steps = new LinkedHashMap<>();
        String text = validate(request);
        String tenant = IdentityContext.requireTenant();

        // One embedding of the message feeds the tenant's intent classifier and the sentiment model. It is computed
        // (CPU) while the conversation is opened (database); the user message is stored with its scores once both are in.
        // The tenant's intent model is got here, on no connection: scoring itself then needs none, which matters because
        // the conversation's transaction holds one while it waits for the scores.
        IntentService.TenantModel intentModel = analyser.prepare();
        Parallel<MessageAnalyser.Analysis> scoring = Parallel.start("turn-scoring", () -> analyser.analyse(text, intentModel));

        if (request.dryRun()) {
            MessageAnalyser.Analysis analysis = scoring.join();
            steps.put("scoring_ms", scoring.ms());
            return dryRun(request, text, analysis.kind(), analysis.sentiment(), analysis.complexity(), started, steps)
                    .withIntentMatch(analysis.match());
        }

        long t = System.nanoTime();
        Opened opened = openConversation(request, text, scoring);
        steps.put("open_conversation_ms", ms(t)); // including any wait for the scores
        Conversation conversation = opened.conversation(); // as it was before this message
        boolean created = opened.created();
        List<Message> recent = opened.recent();
        // The user message is stored with its scores while the answer is prepared and generated: nothing the answer
        // needs comes from that write. It is joined before anything else is stored (the answer, an interruption, a
        // failure), so the order in the conversation stays user message first, and a failed store fails the turn.
        Parallel<Stored> userStore = Parallel.start("turn-store-user",
                () -> tx.execute(s -> storeUserMessage(opened, text, scoring, request)));
        MessageAnalyser.Analysis analysis = scoring.join();
        steps.put("scoring_ms", scoring.ms());
        double sentimentScore = analysis.sentiment();
        double complexityScore = analysis.complexity();
        Intent intent = analysis.kind();
        IntentMatch match = analysis.match();
        ToolSession tools = request.tools();
        if (tools != null) {
            tools.bind(conversation.publicId(), conversation.getContactExternalId());
        }

        // The contact (CRM) is only reported with the result: it is looked up while the answer is prepared and generated.
        Parallel<CrmClient.Contact> contactLookup = Parallel.start("turn-contact",
                () -> contacts.lookup(conversation.getContactExternalId(), request.contactName(), request.contactEmail()));

        if (conversation.humanHandling()) {
            Stored stored = stored(userStore, steps);
            Message userMessage = stored.message();
            var contact = contact(contactLookup, steps);
            // A human agent owns the conversation: the AI stays silent; the agent's reply arrives as an event.
            return new TurnResult(stored.conversation(), created, userMessage, null,
                    "A human agent is handling this conversation (ticket " + conversation.getTicketId() + ") and will reply here shortly.",
                    "human_agent", null, 0, 0, 0.0, elapsed(started), sentimentScore, complexityScore, 1.0, intent, List.of(), List.of(),
                    true, conversation.getEscalationReason(), conversation.getTicketId(), false, true, contact,
                    stored.conversation().getTotalMessages(), steps, clock.instant()).withIntentMatch(match);
        }

        t = System.nanoTime();
        // an agent the request names wins over the one the detected intent routes to
        String agentHint = request.agentHint() != null ? request.agentHint() : IntentRouting.agent(match, personas);
        Persona requested = resolvePersona(agentHint, conversation);
        AgentRouter.Route route = agentHint != null && requested == null
                ? AgentRouter.builtIn(agentHint)
                : AgentRouter.route(text, requested, personas.list());
        steps.put("routing_ms", ms(t));

        String cacheAgent = route.agent();
        boolean cacheable = intent == Intent.QUESTION && (tools == null || !tools.isPersonal(text));
        if (cacheable) {
            t = System.nanoTime();
            Optional<ResponseCache.Entry> hit = cache.get(tenant, cacheAgent, text);
            steps.put("cache_ms", ms(t));
            // A cached answer is only reused when this message would not be escalated with it (an angry or
            // policy-sensitive repeat of a question still reaches a human).
            if (hit.isPresent() && IntentRouting.escalation(match).isEmpty() && policy.decide(text, intent, sentimentScore,
                    complexityScore, hit.get().confidence(), conversation.getLowConfidenceStreak()).isEmpty()) {
                Stored stored = stored(userStore, steps);
                var contact = contact(contactLookup, steps);
                return answerFromCache(stored.conversation(), created, stored.message(), hit.get(), intent, sentimentScore, complexityScore,
                        contact, started, steps, text, match).withIntentMatch(match);
            }
        }

        t = System.nanoTime();
        List<Passage> passages = new ArrayList<>();
        String retrievalError = null;
        if (intent == Intent.QUESTION) {
            try {
                passages.addAll(tools == null ? retrieve(text, route.persona(), match, analysis.queryVector())
                        : tools.record(SemanticSearchTool.NAME, SemanticSearchTool.args(text, topK),
                        () -> retrieve(text, route.persona(), match, analysis.queryVector()),
                        SemanticSearchTool::preview));
            } catch (RuntimeException e) {
                retrievalError = e.getClass().getSimpleName();
                log.warn("Knowledge search failed ({}); answering without passages", retrievalError);
            }
            if (tools != null) {
                passages.addAll(tools.accountPassages(text));
            }
        }
        steps.put("retrieval_ms", ms(t));
        Long retrievalMs = intent == Intent.QUESTION ? Math.round(steps.get("retrieval_ms")) : null; // null: no search ran

        List<GenerationRequest.HistoryLine> historyLines = memory(recent, opened.storedAlready() ? recent.getLast().getId() : -1);
        steps.put("before_model_ms", ms(started)); // the turn's own time before the model is asked
        t = System.nanoTime();
        String tier = route.persona() == null ? "auto" : route.persona().getModelTier();
        GenerationRequest generationRequest = new GenerationRequest(text, intent, route.agent(), route.instructions(), passages,
                historyLines, complexityScore >= 0.6, tier, tools);
        Generation generated;
        StringBuilder streamed = new StringBuilder();
        try {
            if (onToken == null) {
                generated = models.generate(generationRequest);
            } else {
                generated = models.stream(generationRequest, token -> {
                    if (cancellation != null && cancellation.isCancelled()) {
                        throw new GenerationCancelledException();
                    }
                    streamed.append(token);
                    onToken.accept(token);
                });
            }
        } catch (GenerationCancelledException e) {
            Stored stored = stored(userStore, steps);
            return interrupted(conversation, created, stored.message(), route.agent(), streamed.toString(), tools, intent, match,
                    sentimentScore, complexityScore, contact(contactLookup, steps), started, steps);
        } catch (RuntimeException e) {
            stored(userStore, steps);
            recordFailure(conversation, route.agent(), e, elapsed(started));
            throw new ApiException(ApiError.of(ErrorKind.MODEL_ERROR, "The AI model could not answer",
                    "Every configured model failed; the failure was recorded in the conversation"));
        }
        steps.put("generation_ms", ms(t));
        Message userMessage = stored(userStore, steps).message();
        Generation generation = generated;
        var contact = contact(contactLookup, steps);

        List<Passage> sources = generation.citedPassages().stream().map(n -> passages.get(n - 1)).toList();
        double confidence = confidence(intent, generation, passages, sources, text);

        t = System.nanoTime();
        Optional<EscalationPolicy.Decision> decision = IntentRouting.escalation(match).or(() -> policy.decide(text, intent,
                sentimentScore, complexityScore, confidence, conversation.getLowConfidenceStreak()));
        String ticketId = null;
        String ticketStatus = null;
        String escalationError = null;
        if (decision.isPresent()) {
            try {
                EscalationClient.NewTicket newTicket = new EscalationClient.NewTicket(conversation.publicId(),
                        decision.get().reason(), decision.get().priority(), sentimentScore, complexityScore,
                        "Customer said: " + abbreviate(text, 500), conversation.getContactExternalId(), conversation.publicId());
                EscalationClient.Ticket ticket = tools == null ? escalation.create(newTicket)
                        : tools.record(CreateTicketTool.NAME, CreateTicketTool.args(newTicket.reason(), newTicket.priority()),
                        () -> escalation.create(newTicket), CreateTicketTool::preview);
                ticketId = ticket.ticketId();
                ticketStatus = ticket.status() == null ? "open" : ticket.status();
            } catch (RuntimeException e) {
                escalationError = e.getClass().getSimpleName();
                log.warn("Creating the escalation ticket failed ({}); the conversation is still marked escalated", escalationError);
            }
        }
        steps.put("escalation_ms", ms(t));

        String answerText = generation.text();
        if (decision.isPresent() && intent != Intent.HUMAN_REQUEST) {
            answerText = answerText + "\n\nI've also asked a human agent to look at this"
                    + (ticketId != null ? " (ticket " + ticketId + ")" : "") + "; they will follow up here.";
        } else if (decision.isPresent() && ticketId != null) {
            answerText = answerText + " Your ticket is " + ticketId + ".";
        }

        long responseTime = elapsed(started);
        Map<String, Object> metadata = metadata(route.agent(), generation, passages, sources, match, sentimentScore,
                complexityScore, confidence, decision.orElse(null), ticketId, false, steps, retrievalError, escalationError);
        MessageFacts facts = new MessageFacts(route.agent(), generation.model(), generation.inputTokens(), generation.outputTokens(),
                generation.costUsd(), responseTime, sentimentScore, complexityScore, confidence, false);
        final String finalText = answerText;
        final String finalTicket = ticketId;
        final String finalStatus = ticketStatus;
        t = System.nanoTime();
        Conversation[] after = new Conversation[1];
        Message answer = tx.execute(s -> {
            Message m = conversations.append(conversation.getId(), Message.ASSISTANT, finalText, "text", facts, json(metadata), List.of());
            if (conversation.getAgent() == null) {
                conversations.assignPersona(conversation.getId(), route.persona() == null ? null : route.persona().getId(), route.agent());
            }
            conversations.recordConfidence(conversation.getId(), policy.lowConfidence(confidence) && intent == Intent.QUESTION);
            Conversation c = decision.isPresent()
                    ? conversations.escalate(conversation.getId(), decision.get().reason(), finalTicket, finalStatus)
                    : conversations.get(conversation.getId());
            conversations.announceAnswer(c, new ChatEvents.MessageAnswered(c.publicId(), Long.toString(m.getId()),
                    c.getContactExternalId(), Message.ASSISTANT, route.agent(), generation.model(), generation.inputTokens(),
                    generation.outputTokens(), generation.costUsd(), responseTime, false, confidence, sentimentScore,
                    complexityScore, match.intent(), passages.size(), retrievalMs));
            if (tools != null) {
                tools.publish(c.getId(), c.publicId());
            }
            after[0] = c;
            return m;
        });
        steps.put("persist_answer_ms", ms(t));

        if (cacheable && generation.grounded() && decision.isEmpty() && !generation.model().isEmpty()) {
            cache.put(tenant, cacheAgent, text, new ResponseCache.Entry(generation.text(), generation.model(), route.agent(),
                    generation.inputTokens(), generation.outputTokens(), confidence, sources.stream()
                    .map(p -> new ResponseCache.CachedSource(p.chunkId(), p.documentId(), p.source(), p.title(), p.content(),
                            p.score(), p.articleId())).toList()));
        }
        return new TurnResult(after[0], created, userMessage, answer, finalText, route.agent(), generation.model(),
                generation.inputTokens(), generation.outputTokens(), generation.costUsd(), responseTime, sentimentScore,
                complexityScore, confidence, intent, passages, sources, decision.isPresent(),
                decision.map(EscalationPolicy.Decision::reason).orElse(null), ticketId, false, false, contact,
                after[0].getTotalMessages(), steps, answer.getCreatedAt()).withIntentMatch(match);
    }

    /** The contact looked up alongside the turn; {@link ContactDirectory#lookup} never throws. */
    private static CrmClient.Contact contact(Parallel<CrmClient.Contact> lookup, Map<String, Double> steps) {
        CrmClient.Contact contact = lookup.join();
        steps.put("contact_ms", lookup.ms());
        return contact;
    }

    /**
     * The conversation as the turn found (or created) it and its latest messages before this turn stored anything,
     * oldest first.
     *
     * @param storedAlready the last of them is this very message (conversations.md stores it before asking for the
     *                      answer)
     */
    private record Opened(Conversation conversation, boolean created, List<Message> recent, boolean storedAlready) {
    }

    /** The user message as stored, and the conversation after it. */
    private record Stored(Conversation conversation, Message message) {
    }

    /** Waits for the user message's store; its failure fails the turn, which has stored nothing else yet. */
    private static Stored stored(Parallel<Stored> userStore, Map<String, Double> steps) {
        Stored stored = userStore.join();
        steps.put("persist_user_ms", userStore.ms()); // including any wait for the scores
        return stored;
    }

    /**
     * The answer was stopped mid-stream: store what the customer saw, marked interrupted. It is not cached, not
     * escalated and not announced as answered (analytics counts finished answers); tool calls made so far are.
     */
    private TurnResult interrupted(Conversation conversation, boolean created, Message userMessage, String agent, String partial,
                                   ToolSession tools, Intent intent, IntentMatch match, double sentimentScore,
                                   double complexityScore, dev.supportplatform.chat.clients.CrmClient.Contact contact,
                                   long started, Map<String, Double> steps) {
        long responseTime = elapsed(started);
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("agent_used", agent);
        metadata.put("interrupted", true);
        metadata.put("intent", match.intent());
        metadata.put("output_tokens", Tokens.estimate(partial));
        metadata.put("steps", steps);
        MessageFacts facts = new MessageFacts(agent, null, 0, Tokens.estimate(partial), 0.0, responseTime, sentimentScore,
                complexityScore, null, false);
        Conversation[] after = new Conversation[1];
        Message answer = tx.execute(s -> {
            Message m = conversations.append(conversation.getId(), Message.ASSISTANT, partial, "text", facts, json(metadata), List.of());
            Conversation c = conversations.get(conversation.getId());
            if (tools != null) {
                tools.publish(c.getId(), c.publicId());
            }
            after[0] = c;
            return m;
        });
        log.info("Answer in conversation {} interrupted after {} characters", conversation.getId(), partial.length());
        return new TurnResult(after[0], created, userMessage, answer, partial, agent, null, 0, Tokens.estimate(partial), 0.0,
                responseTime, sentimentScore, complexityScore, 0.0, intent, List.of(), List.of(), false, null, null, false, false,
                contact, after[0].getTotalMessages(), steps, answer.getCreatedAt(), match, true);
    }

    /** @param scoring the message's scores, joined once the conversation is open and they are needed */
    private Opened openConversation(TurnRequest request, String text, Parallel<MessageAnalyser.Analysis> scoring) {
        try {
            return tx.execute(s -> openConversationNow(request, text, scoring));
        } catch (DataIntegrityViolationException concurrentCreate) {
            // Two first messages with the same new external id raced; the other created it, so join it.
            return tx.execute(s -> openConversationNow(request, text, scoring));
        }
    }

    /**
     * Waits for the scores before it commits: routing needs them anyway, and a scoring failure then rolls back a
     * conversation opened for this message instead of leaving it empty.
     */
    private Opened openConversationNow(TurnRequest request, String text, Parallel<MessageAnalyser.Analysis> scoring) {
        Conversation conversation;
        boolean created = false;
        if (request.conversationRef() != null) {
            conversation = conversations.require(request.conversationRef());
        } else {
            ConversationService.Opened opened = conversations.open(new ConversationService.OpenRequest(request.externalId(),
                    request.contact(), request.channel(), request.title() != null ? request.title() : abbreviate(text, 60), null));
            conversation = opened.conversation();
            created = opened.created();
        }
        // The conversation's latest messages before this turn, read once: the last one tells whether this message was
        // stored already, and they are the turn's memory. A conversation created just now has none.
        List<Message> recent = created ? List.of() : conversations.recentMessages(conversation.getId());
        boolean storedAlready = !recent.isEmpty() && Message.USER.equals(recent.getLast().getSender())
                && recent.getLast().getContent().equals(text);
        scoring.join();
        return new Opened(conversation, created, recent, storedAlready);
    }

    private Stored storeUserMessage(Opened opened, String text, Parallel<MessageAnalyser.Analysis> scoring, TurnRequest request) {
        MessageAnalyser.Analysis analysis = scoring.join();
        IntentMatch match = analysis.match();
        Message message;
        if (opened.storedAlready()) {
            // conversations.md stores the message first (POST .../messages) and then asks for the answer (ai-response).
            message = opened.recent().getLast();
            conversations.recordIntent(message, match.intent(), IntentMatch.round(match.confidence()));
        } else {
            message = conversations.append(opened.conversation().getId(), Message.USER, text, "text",
                    MessageFacts.ofUser(analysis.sentiment(), analysis.complexity(), Tokens.estimate(text), match.intent(),
                            IntentMatch.round(match.confidence())), null, request.attachments());
        }
        return new Stored(conversations.get(opened.conversation().getId()), message);
    }

    private TurnResult answerFromCache(Conversation conversation, boolean created, Message userMessage, ResponseCache.Entry hit,
                                       Intent intent, double sentimentScore, double complexityScore,
                                       dev.supportplatform.chat.clients.CrmClient.Contact contact, long started,
                                       Map<String, Double> steps, String text, IntentMatch match) {
        List<Passage> sources = hit.sources().stream().map(s -> new Passage(s.chunkId(), s.documentId(), s.source(), s.title(),
                s.content(), s.score(), s.articleId())).toList();
        long responseTime = elapsed(started);
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("agent_used", hit.agent());
        metadata.put("model_used", hit.model());
        metadata.put("cached", true);
        metadata.put("confidence", hit.confidence());
        metadata.put("intent", match.intent());
        metadata.put("intent_confidence", IntentMatch.round(match.confidence()));
        metadata.put("intent_detail", match.describe());
        metadata.put("sources", sources.stream().map(Passage::source).toList());
        metadata.put("steps", steps);
        MessageFacts facts = new MessageFacts(hit.agent(), hit.model(), 0, 0, 0.0, responseTime, sentimentScore, complexityScore,
                hit.confidence(), true);
        Conversation[] after = new Conversation[1];
        Message answer = tx.execute(s -> {
            Message m = conversations.append(conversation.getId(), Message.ASSISTANT, hit.text(), "text", facts, json(metadata), List.of());
            Conversation c = conversations.get(conversation.getId());
            conversations.announceAnswer(c, new ChatEvents.MessageAnswered(c.publicId(), Long.toString(m.getId()),
                    c.getContactExternalId(), Message.ASSISTANT, hit.agent(), hit.model(), 0, 0, 0.0, responseTime, true,
                    hit.confidence(), sentimentScore, complexityScore, match.intent(), sources.size()));
            after[0] = c;
            return m;
        });
        return new TurnResult(after[0], created, userMessage, answer, hit.text(), hit.agent(), hit.model(), 0, 0, 0.0,
                responseTime, sentimentScore, complexityScore, hit.confidence(), intent, sources, sources, false, null, null,
                true, false, contact, after[0].getTotalMessages(), steps, answer.getCreatedAt());
    }

    private TurnResult dryRun(TurnRequest request, String text, Intent intent, double sentimentScore, double complexityScore,
                              long started, Map<String, Double> steps) {
        AgentRouter.Route route = AgentRouter.route(text, null, List.of());
        GenerationRequest generationRequest = new GenerationRequest(text, intent, route.agent(), route.instructions(), List.of(),
                List.of(), complexityScore >= 0.6, "local");
        Generation generation = new LocalModel().generate(generationRequest);
        double confidence = confidence(intent, generation, List.of(), List.of(), text);
        Optional<EscalationPolicy.Decision> decision = policy.decide(text, intent, sentimentScore, complexityScore, confidence, 0);
        return new TurnResult(null, false, null, null, generation.text(), route.agent(), generation.model(),
                generation.inputTokens(), generation.outputTokens(), 0.0, elapsed(started), sentimentScore, complexityScore,
                confidence, intent, List.of(), List.of(), decision.isPresent(), decision.map(EscalationPolicy.Decision::reason).orElse(null),
                null, false, false, null, 0, steps, clock.instant());
    }

    private String validate(TurnRequest request) {
        String field = request.messageField() == null ? "message" : request.messageField();
        if (request.message() == null || request.message().isBlank()) {
            throw ApiException.invalid(field, "Missing required field: " + field);
        }
        if (request.message().length() > MAX_MESSAGE_CHARS) {
            throw ApiException.invalid(field, field + " must be at most " + MAX_MESSAGE_CHARS + " characters");
        }
        return request.message().strip();
    }

    private Persona resolvePersona(String hint, Conversation conversation) {
        if (hint != null && !dev.supportplatform.chat.persona.BuiltInAgents.NAMES.contains(hint)) {
            Persona persona = personas.find(hint).orElse(null);
            if (persona == null) {
                throw ApiException.notFound("Agent not found", "No built-in agent or persona " + hint);
            }
            return persona;
        }
        if (hint == null && conversation.getPersonaId() != null) {
            return personas.findById(conversation.getPersonaId()).orElse(null);
        }
        return null;
    }

    /** @param queryVector the message's embedding as the analysis computed it (the search then need not embed it), or null */
    private List<Passage> retrieve(String text, Persona persona, IntentMatch match, KnowledgeClient.QueryVector queryVector) {
        KnowledgeClient.Filters filters = KnowledgeClient.Filters.none();
        // an intent that answers from a knowledge filter narrows retrieval more specifically than a persona does
        Map<String, Object> intentFilter = IntentAction.ANSWER.equals(match.action().type()) ? match.action().knowledgeFilter() : null;
        if (intentFilter != null || persona != null) {
            Map<String, Object> f = intentFilter != null ? intentFilter : PersonaService.filterOf(persona);
            @SuppressWarnings("unchecked")
            List<String> tags = f.get("tags") instanceof List<?> l ? (List<String>) l : List.of();
            filters = new KnowledgeClient.Filters((String) f.get("collection"), (String) f.get("category"), tags, null);
        }
        KnowledgeClient.SearchResponse response = knowledge.search(new KnowledgeClient.SearchRequest(text, topK, filters, queryVector));
        if (response == null || response.results() == null) {
            return List.of();
        }
        return response.results().stream().map(r -> new Passage(r.chunkId(), r.documentId(),
                r.source() != null ? r.source() : r.title(), r.title(), r.content(), r.score(),
                r.metadata() != null && r.metadata().get("article_id") != null ? r.metadata().get("article_id").toString() : null))
                .toList();
    }

    /** Earlier turns from the conversation's latest messages, newest kept first, within the token budget; returned oldest first. */
    private List<GenerationRequest.HistoryLine> memory(List<Message> recent, long currentMessageId) {
        List<GenerationRequest.HistoryLine> lines = new ArrayList<>();
        int budget = memoryTokens;
        for (int i = recent.size() - 1; i >= 0; i--) {
            Message m = recent.get(i);
            if (m.getId() == currentMessageId || "error".equals(m.getMessageType())) {
                continue;
            }
            int cost = Tokens.estimate(m.getContent());
            if (cost > budget) {
                break;
            }
            budget -= cost;
            lines.addFirst(new GenerationRequest.HistoryLine(Message.USER.equals(m.getSender()) ? "user" : "assistant", m.getContent()));
        }
        return lines;
    }

    /**
     * Conversational intents are answered with certainty; a knowledge answer is as good as the best passage it cites
     * and how much of the question that passage covers; no grounded answer means low confidence.
     */
    static double confidence(Intent intent, Generation generation, List<Passage> passages, List<Passage> sources, String question) {
        if (intent != Intent.QUESTION) {
            return 0.95;
        }
        if (!generation.grounded() || sources.isEmpty()) {
            return passages.isEmpty() ? 0.1 : 0.2;
        }
        double top = sources.stream().mapToDouble(Passage::score).max().orElse(0);
        var questionTerms = dev.supportplatform.chat.turn.Terms.of(question);
        var answerTerms = dev.supportplatform.chat.turn.Terms.of(String.join(" ", sources.stream().map(Passage::content).toList()));
        double coverage = questionTerms.isEmpty() ? 0.5
                : (double) questionTerms.stream().filter(answerTerms::contains).count() / questionTerms.size();
        return round(Math.min(0.99, 0.25 + 0.5 * top + 0.25 * coverage));
    }

    private void recordFailure(Conversation conversation, String agent, RuntimeException e, long responseTime) {
        log.error("Every model failed for conversation {}", conversation.getId(), e);
        Map<String, Object> metadata = Map.of("error", e.getClass().getSimpleName(), "agent_used", agent);
        tx.executeWithoutResult(s -> conversations.append(conversation.getId(), Message.ASSISTANT,
                "Sorry, I could not generate an answer right now. Please try again in a moment.", "error",
                new MessageFacts(agent, null, 0, 0, 0, responseTime, null, null, 0.0, false), json(metadata), List.of()));
    }

    private static Map<String, Object> metadata(String agent, Generation g, List<Passage> passages, List<Passage> sources,
                                                IntentMatch match, double sentiment, double complexity, double confidence,
                                                EscalationPolicy.Decision decision, String ticketId, boolean cached,
                                                Map<String, Double> steps, String retrievalError, String escalationError) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("agent_used", agent);
        m.put("model_used", g.model());
        m.put("intent", match.intent());
        m.put("intent_confidence", IntentMatch.round(match.confidence()));
        m.put("intent_detail", match.describe());
        m.put("input_tokens", g.inputTokens());
        m.put("output_tokens", g.outputTokens());
        m.put("cost_usd", g.costUsd());
        m.put("sentiment_score", sentiment);
        m.put("complexity_score", complexity);
        m.put("confidence", confidence);
        m.put("cached", cached);
        m.put("rag_context", passages.stream().map(p -> Map.of("source", String.valueOf(p.source()), "score", p.score(),
                "chunk_id", String.valueOf(p.chunkId()))).toList());
        m.put("sources", sources.stream().map(Passage::source).toList());
        if (decision != null) {
            Map<String, Object> e = new LinkedHashMap<>();
            e.put("reason", decision.reason());
            e.put("priority", decision.priority());
            e.put("ticket_id", ticketId);
            if (escalationError != null) {
                e.put("error", escalationError);
            }
            m.put("escalation", e);
        }
        if (!g.attempts().isEmpty()) {
            m.put("failed_models", g.attempts());
        }
        if (retrievalError != null) {
            m.put("retrieval_error", retrievalError);
        }
        m.put("steps", steps);
        return m;
    }

    private static String json(Map<String, Object> map) {
        return JSON.writeValueAsString(map);
    }

    private static double ms(long startNanos) {
        return Math.round((System.nanoTime() - startNanos) / 10_000.0) / 100.0;
    }

    private static long elapsed(long startNanos) {
        return (System.nanoTime() - startNanos) / 1_000_000;
    }

    private static double round(double v) {
        return Math.round(v * 1000.0) / 1000.0;
    }

    static String abbreviate(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max - 1) + "…";
    }
}
