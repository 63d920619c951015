package dev.supportplatform.chat.persona;

import java.util.List;

/** The agents every tenant has, numbered 1-3 for conversations.md's numeric agent_id. */
public final class BuiltInAgents {
    public static final String GENERAL = "general_agent";
    public static final String SALES = "sales_agent";
    public static final String SUPPORT = "support_agent";
    public static final List<String> NAMES = List.of(GENERAL, SALES, SUPPORT);

    private BuiltInAgents() {
    }

    /** 1-based number of a built-in agent, or null. */
    public static Long number(String name) {
        int i = name == null ? -1 : NAMES.indexOf(name);
        return i < 0 ? null : (long) i + 1;
    }

    public static String byNumber(long number) {
        return number >= 1 && number <= NAMES.size() ? NAMES.get((int) number - 1) : null;
    }
}
