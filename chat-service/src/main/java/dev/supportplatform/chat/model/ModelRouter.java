package dev.supportplatform.chat.model;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.Consumer;

/**
 * Picks the model for a request (strong for complex questions, fast otherwise, or the persona's tier) and walks a
 * fallback chain: each remote model sits behind its own circuit breaker, and the local model ends every chain, so
 * a turn always gets an answer even when every remote provider is down.
 */
public class ModelRouter {

    private static final Logger log = LoggerFactory.getLogger(ModelRouter.class);

    private final ModelProvider fast;
    private final ModelProvider strong;
    private final List<ModelProvider> fallback;
    private final LocalModel local;
    private final CircuitBreakerRegistry breakers;

    public ModelRouter(ModelProvider fast, ModelProvider strong, List<ModelProvider> fallback, LocalModel local, ModelsProperties properties) {
        this.fast = fast;
        this.strong = strong;
        this.fallback = fallback;
        this.local = local;
        this.breakers = CircuitBreakerRegistry.of(CircuitBreakerConfig.custom()
                .failureRateThreshold(properties.breakerFailureRate())
                .slidingWindowSize(10)
                .minimumNumberOfCalls(4)
                .waitDurationInOpenState(properties.breakerOpenFor())
                .ignoreExceptions(GenerationCancelledException.class)
                .build());
    }

    /** Only the local model: the offline default. */
    public static ModelRouter localOnly(ModelsProperties properties) {
        return new ModelRouter(null, null, List.of(), new LocalModel(), properties);
    }

    public List<ModelProvider> chain(GenerationRequest request) {
        Map<String, ModelProvider> chain = new LinkedHashMap<>();
        if (!"local".equals(request.tier())) {
            boolean wantStrong = "strong".equals(request.tier()) || ("auto".equals(request.tier()) || request.tier() == null) && request.strong();
            ModelProvider first = wantStrong && strong != null ? strong : fast != null ? fast : strong;
            ModelProvider second = first == strong ? fast : strong;
            for (ModelProvider p : new ModelProvider[]{first, second}) {
                if (p != null) {
                    chain.putIfAbsent(p.name(), p);
                }
            }
            fallback.forEach(p -> chain.putIfAbsent(p.name(), p));
        }
        chain.putIfAbsent(local.name(), local);
        return List.copyOf(chain.values());
    }

    public Generation generate(GenerationRequest request) {
        return run(request, ModelProvider::generate);
    }

    public Generation stream(GenerationRequest request, Consumer<String> onToken) {
        return run(request, (provider, r) -> provider.stream(r, onToken));
    }

    private Generation run(GenerationRequest request, BiFunction<ModelProvider, GenerationRequest, Generation> call) {
        List<String> attempts = new ArrayList<>();
        RuntimeException last = null;
        for (ModelProvider provider : chain(request)) {
            if (provider == local) {
                Generation g = call.apply(provider, request);
                return withAttempts(g, attempts);
            }
            CircuitBreaker breaker = breakers.circuitBreaker(provider.name());
            try {
                Generation g = breaker.executeSupplier(() -> call.apply(provider, request));
                return withAttempts(g, attempts);
            } catch (GenerationCancelledException e) {
                throw e; // the client stopped the answer: no fallback, and not the model's failure
            } catch (RuntimeException e) {
                last = e;
                attempts.add(provider.name() + ": " + e.getClass().getSimpleName());
                log.warn("Model {} failed ({}); trying the next in the chain", provider.name(), e.getClass().getSimpleName());
            }
        }
        throw last != null ? last : new IllegalStateException("no model configured");
    }

    private static Generation withAttempts(Generation g, List<String> attempts) {
        return attempts.isEmpty() ? g : new Generation(g.text(), g.model(), g.inputTokens(), g.outputTokens(), g.costUsd(),
                g.citedPassages(), g.grounded(), List.copyOf(attempts));
    }

    public CircuitBreaker.State breakerState(String model) {
        return breakers.circuitBreaker(model).getState();
    }
}
