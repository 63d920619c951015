package dev.supportplatform.chat.tools;

/**
 * The conversation a tool call is made for. Tools act only for it: the CRM lookup reads this conversation's
 * customer and no other, whatever the model asks, and tickets are opened on this conversation.
 *
 * @param conversationId      the conversation's public id
 * @param contactExternalId   the customer's external id, or null when the conversation has none
 */
public record ToolContext(String conversationId, String contactExternalId) {

    static final ToolContext NONE = new ToolContext(null, null);
}
