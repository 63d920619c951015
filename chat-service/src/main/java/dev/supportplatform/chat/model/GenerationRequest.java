package dev.supportplatform.chat.model;

import dev.supportplatform.chat.turn.Intent;

import java.util.List;

/**
 * Everything a model needs for one answer.
 *
 * @param instructions the agent's or persona's instructions
 * @param history      earlier turns, oldest first, already cut to the memory budget
 * @param strong       whether the question is complex enough for the strong model
 * @param tier         the persona's model tier ({@code auto}, {@code fast}, {@code strong}, {@code local})
 * @param tools        tools a remote model may call while answering, or null (the local model calls none)
 */
public record GenerationRequest(String question, Intent intent, String agent, String instructions, List<Passage> passages,
                                List<HistoryLine> history, boolean strong, String tier, ToolCalling tools) {

    public GenerationRequest(String question, Intent intent, String agent, String instructions, List<Passage> passages,
                             List<HistoryLine> history, boolean strong, String tier) {
        this(question, intent, agent, instructions, passages, history, strong, tier, null);
    }

    public record HistoryLine(String role, String content) {
    }
}
