package dev.supportplatform.chat.model;

import dev.supportplatform.chat.turn.Intent;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class LocalModelTest {

    private final LocalModel model = new LocalModel();

    private static GenerationRequest ask(String question, Intent intent, List<Passage> passages) {
        return new GenerationRequest(question, intent, "support_agent", null, passages, List.of(), false, "auto");
    }

    @Test
    void answersOnlyWithSentencesFromThePassagesAndCitesThem() {
        List<Passage> passages = List.of(
                new Passage("c1", "d1", "billing.md", "Billing", "Invoices are sent on the 1st of each month. You can download invoices from Settings.", 0.8, null),
                new Passage("c2", "d2", "security.md", "Security", "Two-factor authentication is available for all plans.", 0.4, null));
        Generation g = model.generate(ask("Where can I download my invoices?", Intent.QUESTION, passages));
        assertThat(g.text()).contains("You can download invoices from Settings. [1]").contains("Sources: [1] billing.md");
        assertThat(g.text()).doesNotContain("Two-factor");
        assertThat(g.citedPassages()).containsExactly(1);
        assertThat(g.grounded()).isTrue();
        String withoutCitations = g.text().replaceAll("\\[\\d+]", "").replace("Sources:", "").replace("billing.md", "");
        for (String sentence : withoutCitations.split("(?<=\\.)\\s+")) {
            if (!sentence.isBlank() && !sentence.strip().equals(",")) {
                assertThat(passages.get(0).content()).as("never invents text").contains(sentence.strip());
            }
        }
    }

    @Test
    void saysPlainlyWhenTheKnowledgeBaseHasNoAnswer() {
        Generation g = model.generate(ask("What is the capital of Mongolia?", Intent.QUESTION,
                List.of(new Passage("c1", "d1", "billing.md", "Billing", "Invoices are sent monthly.", 0.1, null))));
        assertThat(g.text()).contains("couldn't find an answer").contains("knowledge base");
        assertThat(g.grounded()).isFalse();
        assertThat(g.citedPassages()).isEmpty();
    }

    @Test
    void handlesGreetingsThanksAndHumanRequestsAndIsDeterministic() {
        assertThat(model.generate(ask("hi", Intent.GREETING, List.of())).text()).startsWith("Hello!");
        assertThat(model.generate(ask("thanks", Intent.THANKS, List.of())).text()).contains("welcome");
        assertThat(model.generate(ask("human please", Intent.HUMAN_REQUEST, List.of())).text()).contains("human agent");
        GenerationRequest r = ask("Where can I download invoices?", Intent.QUESTION,
                List.of(new Passage("c1", "d1", "billing.md", "Billing", "You can download invoices from Settings.", 0.8, null)));
        assertThat(model.generate(r)).isEqualTo(model.generate(r));
    }
}
