package dev.supportplatform.chat.tools;

import dev.supportplatform.common.events.EventEnvelope;
import dev.supportplatform.common.events.payload.ChatEvents;
import dev.supportplatform.common.service.events.OutboxWriter;
import dev.supportplatform.common.service.identity.IdentityContext;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import java.util.List;
import java.util.UUID;

/** Writes finished tool calls to the outbox as {@code tool.invoked} events, which analytics counts per tool. */
@Component
class ToolEventPublisher {

    private final OutboxWriter outbox;

    ToolEventPublisher(OutboxWriter outbox) {
        this.outbox = outbox;
    }

    @Transactional(propagation = Propagation.MANDATORY)
    public void publish(UUID conversationUuid, String conversationPublicId, List<ToolSession.Finished> calls) {
        String tenant = IdentityContext.requireTenant();
        for (ToolSession.Finished call : calls) {
            outbox.publish(EventEnvelope.of(tenant, conversationUuid.toString(), new ChatEvents.ToolInvoked(conversationPublicId,
                    call.tool(), call.status(), call.latencyMs(), call.errorCode() == null ? List.of() : List.of(call.errorCode()))));
        }
    }
}
