package dev.supportplatform.chat.tools;

import dev.langchain4j.agent.tool.ToolSpecification;
import dev.langchain4j.model.chat.request.json.JsonObjectSchema;
import dev.supportplatform.chat.clients.CrmClient;
import dev.supportplatform.chat.model.Passage;
import feign.FeignException;

import java.util.Map;

/**
 * {@code crm_lookup}: the account record of the customer in this conversation (crm-service). It takes no customer
 * argument on purpose: the model can only ever read the record of the person it is talking to.
 */
public class CrmLookupTool implements Tool {

    public static final String NAME = "crm_lookup";
    /**
     * The record's relevance as a passage: high enough to be cited, below the local model's threshold for quoting a
     * passage's lead sentence without shared words, so it is only quoted where the question asks for what it holds.
     */
    static final double PASSAGE_SCORE = 0.55;

    private final CrmClient crm;

    public CrmLookupTool(CrmClient crm) {
        this.crm = crm;
    }

    @Override
    public ToolSpecification specification() {
        return ToolSpecification.builder().name(NAME)
                .description("Looks up the account of the customer in this conversation: name, email, phone, company and "
                        + "their history with us. Use it when they ask about their account or details.")
                .parameters(JsonObjectSchema.builder().build())
                .build();
    }

    @Override
    public String execute(Map<String, Object> args, ToolContext context) {
        if (context.contactExternalId() == null) {
            return "No customer account is linked to this conversation.";
        }
        CrmClient.Profile p;
        try {
            CrmClient.ProfileEnvelope envelope = crm.profile(context.contactExternalId());
            p = envelope == null ? null : envelope.data();
        } catch (FeignException.NotFound e) {
            p = null;
        }
        if (p == null) {
            return "The CRM has no account for this customer.";
        }
        StringBuilder out = new StringBuilder();
        sentence(out, "The name on your account is ", p.name());
        sentence(out, "The email on your account is ", p.email());
        sentence(out, "The phone number on your account is ", p.phone());
        sentence(out, "The company on your account is ", p.company());
        if (p.stats() != null) {
            Object conversations = p.stats().get("total_conversations");
            Object messages = p.stats().get("total_messages");
            if (conversations != null && messages != null) {
                out.append("Your account has ").append(conversations).append(" conversations and ").append(messages)
                        .append(" messages with us. ");
            }
        }
        if (Boolean.FALSE.equals(p.isActive())) {
            out.append("Your account is inactive. ");
        }
        return out.isEmpty() ? "The CRM has an account for this customer with no details on it." : out.toString().strip();
    }

    static Passage asPassage(String record) {
        return new Passage("crm-account", null, "CRM account record", "Your account", record, PASSAGE_SCORE, null);
    }

    private static void sentence(StringBuilder out, String lead, String value) {
        if (value != null && !value.isBlank()) {
            out.append(lead).append(value).append(". ");
        }
    }
}
