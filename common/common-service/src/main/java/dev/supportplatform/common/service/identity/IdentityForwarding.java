package dev.supportplatform.common.service.identity;

import dev.supportplatform.common.identity.InternalTokenCodec;

import java.util.Optional;

/** The internal token to send on an outgoing call made for the current identity. */
public final class IdentityForwarding {

    private IdentityForwarding() {
    }

    /** The token received with the request if there was one, else a freshly signed one for the bound identity. */
    public static Optional<String> tokenFor(InternalTokenCodec codec) {
        Optional<String> received = IdentityContext.rawToken();
        if (received.isPresent()) {
            return received;
        }
        return IdentityContext.current().map(codec::sign);
    }
}
