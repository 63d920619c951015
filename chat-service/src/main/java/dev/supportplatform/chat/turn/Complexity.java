package dev.supportplatform.chat.turn;

import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * How hard a question is, 0..1, from what makes support questions hard to answer automatically: length, several
 * questions or requirements in one message, technical vocabulary, and multi-step or conditional phrasing.
 */
public final class Complexity {

    private static final Set<String> TECHNICAL = Set.of("api", "apis", "oauth", "oauth2", "sso", "saml", "webhook", "webhooks",
            "integration", "integrate", "integrating", "enterprise", "sdk", "endpoint", "endpoints", "callback", "callbacks",
            "token", "tokens", "authentication", "authorization", "database", "migration", "migrate", "configuration",
            "configure", "deployment", "deploy", "server", "servers", "latency", "certificate", "ssl", "tls", "dns", "proxy",
            "firewall", "encryption", "compliance", "gdpr", "hipaa", "audit", "schema", "json", "xml", "csv", "export",
            "import", "sync", "synchronization", "kubernetes", "docker", "cluster", "scalability", "architecture",
            "invoice", "invoices", "billing", "proration", "prorated", "tax", "vat", "contract", "legal", "refund",
            "chargeback", "multi-tenant", "rate", "limit", "limits", "quota", "throughput", "redundancy", "backup");
    private static final List<String> MULTI_STEP = List.of("and then", "after that", "step by step", "how do i", "what if",
            "in case", "depending on", "as well as", "at the same time", "compared to", "difference between", "whether",
            "both", "multiple", "several", "also");

    private Complexity() {
    }

    public static double score(String text) {
        if (text == null || text.isBlank()) {
            return 0.0;
        }
        String lower = text.toLowerCase(Locale.ROOT);
        List<String> words = Words.tokens(lower);
        int n = words.size();
        double length = Math.min(1.0, Math.max(0, n - 4) / 25.0);
        long technical = words.stream().filter(TECHNICAL::contains).count();
        double tech = Math.min(1.0, technical / 3.0);
        long questions = text.chars().filter(c -> c == '?').count();
        long clauses = words.stream().filter(w -> w.equals("and") || w.equals("or") || w.equals("but") || w.equals("while")).count();
        double structure = Math.min(1.0, Math.max(0, questions - 1) * 0.35 + clauses * 0.12);
        long steps = MULTI_STEP.stream().filter(lower::contains).count();
        double multi = Math.min(1.0, steps * 0.3);
        double score = 0.35 * length + 0.35 * tech + 0.15 * structure + 0.15 * multi;
        return Math.round(Math.min(1.0, score) * 1000.0) / 1000.0;
    }
}
