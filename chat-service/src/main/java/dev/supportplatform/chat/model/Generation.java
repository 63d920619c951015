package dev.supportplatform.chat.model;

import java.util.List;

/**
 * A generated answer.
 *
 * @param citedPassages 1-based indexes into the request's passages that the answer cites
 * @param attempts      models tried before this one answered, with why each failed
 */
public record Generation(String text, String model, int inputTokens, int outputTokens, double costUsd,
                         List<Integer> citedPassages, boolean grounded, List<String> attempts) {
}
