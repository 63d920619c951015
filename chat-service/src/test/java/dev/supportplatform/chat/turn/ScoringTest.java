package dev.supportplatform.chat.turn;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ScoringTest {

    private final Sentiment sentiment = Sentiment.bundled();

    @Test
    void sentimentHasTheRightSignAndRespectsNegationIntensifiersAndContrast() {
        assertThat(sentiment.score("This is terrible! Nothing works and I am extremely frustrated!")).isLessThan(-0.6);
        assertThat(sentiment.score("Thanks, that was really helpful")).isGreaterThan(0.5);
        assertThat(sentiment.score("What are your opening hours")).isZero();
        assertThat(sentiment.score("The app is not good")).isNegative();
        assertThat(sentiment.score("very good")).isGreaterThan(sentiment.score("good"));
        assertThat(sentiment.score("good!!!")).isGreaterThan(sentiment.score("good"));
        assertThat(sentiment.score("The staff were nice but the product is awful")).isNegative();
        assertThat(sentiment.score("It is GREAT, really")).isGreaterThan(sentiment.score("It is great, really"));
    }

    @Test
    void complexityGrowsWithTechnicalMultiPartQuestions() {
        double simple = Complexity.score("What are your hours?");
        double complex = Complexity.score("I need help with integrating your API with our enterprise system using OAuth 2.0 and handling webhook callbacks");
        assertThat(simple).isLessThan(0.15);
        assertThat(complex).isGreaterThan(0.5);
        assertThat(Complexity.score("")).isZero();
        assertThat(complex).isLessThanOrEqualTo(1.0);
    }

    @Test
    void intentsAreRecognised() {
        assertThat(Intent.of("Hello!")).isEqualTo(Intent.GREETING);
        assertThat(Intent.of("good morning")).isEqualTo(Intent.GREETING);
        assertThat(Intent.of("thanks a lot")).isEqualTo(Intent.THANKS);
        assertThat(Intent.of("Can I talk to a real person?")).isEqualTo(Intent.HUMAN_REQUEST);
        assertThat(Intent.of("I want to speak to a human")).isEqualTo(Intent.HUMAN_REQUEST);
        assertThat(Intent.of("Hello, how do I reset my password?")).isEqualTo(Intent.QUESTION);
        assertThat(Intent.of("bye")).isEqualTo(Intent.GOODBYE);
    }

    @Test
    void escalationFollowsSupportMdsReasons() {
        EscalationPolicy policy = new EscalationPolicy(-0.6, 0.7, 0.45, 3, List.of("lawsuit", "chargeback"));
        assertThat(policy.decide("get me a human", Intent.HUMAN_REQUEST, 0, 0, 0.9, 0)).get()
                .extracting(EscalationPolicy.Decision::reason).isEqualTo("manual_request");
        assertThat(policy.decide("I will file a chargeback", Intent.QUESTION, 0, 0, 0.9, 0)).get()
                .extracting(EscalationPolicy.Decision::reason).isEqualTo("policy_violation");
        assertThat(policy.decide("awful", Intent.QUESTION, -0.9, 0, 0.9, 0)).get()
                .extracting(EscalationPolicy.Decision::priority).isEqualTo("urgent");
        assertThat(policy.decide("q", Intent.QUESTION, 0, 0.8, 0.3, 0)).get()
                .extracting(EscalationPolicy.Decision::reason).isEqualTo("high_complexity");
        assertThat(policy.decide("q", Intent.QUESTION, 0, 0.8, 0.9, 0)).as("complex but answered well").isEmpty();
        assertThat(policy.decide("q", Intent.QUESTION, 0, 0.1, 0.2, 1)).isEmpty();
        assertThat(policy.decide("q", Intent.QUESTION, 0, 0.1, 0.2, 2)).get()
                .extracting(EscalationPolicy.Decision::reason).isEqualTo("repeated_failures");
    }

    @Test
    void routingPicksSalesSupportOrGeneral() {
        assertThat(AgentRouter.route("What does the enterprise plan cost?", null, List.of()).agent()).isEqualTo("sales_agent");
        assertThat(AgentRouter.route("I cannot login to my account", null, List.of()).agent()).isEqualTo("support_agent");
        assertThat(AgentRouter.route("Tell me about your company", null, List.of()).agent()).isEqualTo("general_agent");
    }
}
