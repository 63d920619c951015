package dev.supportplatform.common.identity;

import java.util.Set;

/** The scopes a credential can carry. A publishable widget key carries only {@link #CHAT}. */
public final class Scopes {
    public static final String CHAT = "chat";
    public static final String READ = "read";
    public static final String WRITE = "write";
    public static final String ADMIN = "admin";

    /** What an ordinary secret API key may do. */
    public static final Set<String> STANDARD = Set.of(CHAT, READ, WRITE);

    private Scopes() {
    }
}
