package dev.supportplatform.chat.turn;

import dev.supportplatform.chat.conversation.ConversationService;
import dev.supportplatform.chat.tools.ToolSession;

import java.util.List;

/**
 * One user message to answer, as any contract expresses it.
 *
 * @param conversationRef an existing conversation by any of its ids (external, UUID, number), or null
 * @param externalId      the client-chosen id to find or create the conversation under, or null
 * @param messageField    the request field that carried the message, for error reports in the contract's words
 * @param agentHint       a built-in agent name, persona name / id / number, or null to route automatically
 * @param dryRun          score, route and answer without storing, searching or opening tickets (support.md's test query)
 * @param tools           the turn's tool session (assistant.md's tool events), or null: no tools offered, no tool events
 */
public record TurnRequest(String conversationRef, String externalId, String contact, String contactName, String contactEmail,
                          String channel, String title, String message, String messageField, String agentHint,
                          List<ConversationService.NewAttachment> attachments, boolean dryRun, ToolSession tools) {

    public TurnRequest(String conversationRef, String externalId, String contact, String contactName, String contactEmail,
                       String channel, String title, String message, String messageField, String agentHint,
                       List<ConversationService.NewAttachment> attachments, boolean dryRun) {
        this(conversationRef, externalId, contact, contactName, contactEmail, channel, title, message, messageField, agentHint,
                attachments, dryRun, null);
    }

    public static TurnRequest of(String externalId, String contact, String channel, String message, String messageField) {
        return new TurnRequest(null, externalId, contact, null, null, channel, null, message, messageField, null, List.of(), false);
    }

    public TurnRequest withAgent(String agent) {
        return new TurnRequest(conversationRef, externalId, contact, contactName, contactEmail, channel, title, message, messageField,
                agent, attachments, dryRun, tools);
    }

    public TurnRequest withContactDetails(String name, String email) {
        return new TurnRequest(conversationRef, externalId, contact, name, email, channel, title, message, messageField,
                agentHint, attachments, dryRun, tools);
    }

    public TurnRequest inConversation(String ref) {
        return new TurnRequest(ref, externalId, contact, contactName, contactEmail, channel, title, message, messageField,
                agentHint, attachments, dryRun, tools);
    }

    public TurnRequest asDryRun() {
        return new TurnRequest(conversationRef, externalId, contact, contactName, contactEmail, channel, title, message, messageField,
                agentHint, attachments, true, tools);
    }

    /** The same request with tools: offered to a remote model, and the pipeline's tool-like steps reported. */
    public TurnRequest withTools(ToolSession session) {
        return new TurnRequest(conversationRef, externalId, contact, contactName, contactEmail, channel, title, message, messageField,
                agentHint, attachments, dryRun, session);
    }
}
