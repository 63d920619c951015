package dev.supportplatform.chat.model;

import java.util.HashMap;
import java.util.Map;

/** Cost of a call in USD from its token counts; unknown models cost nothing rather than a guess. */
public class PriceTable {

    /** Public list prices (USD per million tokens) of common models; settings override or add to them. */
    private static final Map<String, ModelsProperties.Price> DEFAULTS = Map.of(
            "gpt-4o-mini", new ModelsProperties.Price(0.15, 0.60),
            "gpt-4o", new ModelsProperties.Price(2.50, 10.00),
            "gpt-4.1-mini", new ModelsProperties.Price(0.40, 1.60),
            "gpt-4.1", new ModelsProperties.Price(2.00, 8.00),
            "llama-3.1-8b-instant", new ModelsProperties.Price(0.05, 0.08),
            "llama-3.3-70b-versatile", new ModelsProperties.Price(0.59, 0.79),
            "openai/gpt-oss-120b", new ModelsProperties.Price(0.15, 0.75),
            LocalModel.NAME, new ModelsProperties.Price(0, 0));

    private final Map<String, ModelsProperties.Price> prices = new HashMap<>(DEFAULTS);

    public PriceTable(Map<String, ModelsProperties.Price> configured) {
        prices.putAll(configured);
    }

    public double cost(String model, int inputTokens, int outputTokens) {
        ModelsProperties.Price price = prices.get(model);
        if (price == null) {
            return 0.0;
        }
        return (inputTokens * price.input() + outputTokens * price.output()) / 1_000_000.0;
    }
}
