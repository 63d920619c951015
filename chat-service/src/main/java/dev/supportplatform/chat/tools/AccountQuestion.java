package dev.supportplatform.chat.tools;

import java.util.Locale;
import java.util.regex.Pattern;

/** Whether a message asks about the customer's own account ("what email do you have for me?", "my account details"). */
final class AccountQuestion {

    private static final Pattern OWN_ACCOUNT = Pattern.compile(
            "\\b(my|mine)\\b.{0,40}\\b(account|profile|e-?mail|phone( number)?|details|contact info(rmation)?|company|record|data)\\b"
                    + "|\\b(account|profile|e-?mail|phone( number)?|details|record)\\b.{0,30}\\b(for|of|on|about) me\\b"
                    + "|\\bwhat do you (know|have) (about|on) me\\b|\\bwho am i\\b");

    private AccountQuestion() {
    }

    static boolean matches(String text) {
        return text != null && OWN_ACCOUNT.matcher(text.toLowerCase(Locale.ROOT)).find();
    }
}
