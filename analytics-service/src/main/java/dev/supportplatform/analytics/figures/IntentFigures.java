package dev.supportplatform.analytics.figures;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;

/**
 * Which intents customers' messages had, from {@code message.answered} (its {@code intent} is the intent chat-service
 * detected in the user message the AI answered). A message that matched none of the tenant's intents carries
 * {@code out_of_scope} and is counted as unmatched. Definitions: analytics-service/METRICS.md.
 */
@Component
public class IntentFigures {

    public static final String OUT_OF_SCOPE = "out_of_scope";

    private final JdbcTemplate jdbc;

    public IntentFigures(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public record IntentCount(String intent, long messages) {
    }

    /** @param top the matched intents, most frequent first, at most {@code limit} */
    public record IntentSums(long messages, long unmatched, List<IntentCount> top, int distinctIntents) {
        public long matched() {
            return messages - unmatched;
        }

        public double unmatchedRate() {
            return messages == 0 ? 0.0 : (double) unmatched / messages;
        }
    }

    public IntentSums intents(String tenant, Window w, int limit) {
        List<IntentCount> all = jdbc.query("select intent, count(*) from message_fact where tenant_id = ? and kind = 'answer'"
                        + " and sender = 'ai' and intent is not null and occurred_at >= ? and occurred_at < ?"
                        + " group by intent order by count(*) desc, intent",
                (rs, n) -> new IntentCount(rs.getString(1), rs.getLong(2)), tenant, Timestamp.from(w.start()), Timestamp.from(w.end()));
        long messages = 0;
        long unmatched = 0;
        List<IntentCount> matched = new ArrayList<>();
        for (IntentCount c : all) {
            messages += c.messages();
            if (OUT_OF_SCOPE.equals(c.intent())) {
                unmatched += c.messages();
            } else {
                matched.add(c);
            }
        }
        return new IntentSums(messages, unmatched, matched.stream().limit(limit).toList(), matched.size());
    }
}
