package dev.supportplatform.e2e;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * One API contract's markdown (../shared/api-contracts/*.md), read at test time so that the samples the suite runs and
 * the responses it expects are the contract's own. A section is found by its heading text; its code fences (outside of
 * which '#' lines are headings) are read in order.
 */
final class ContractDoc {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    final String name;
    private final List<String> lines;

    private ContractDoc(String name, List<String> lines) {
        this.name = name;
        this.lines = lines;
    }

    /** The contracts' folder: -Dcontracts.dir, else ../shared/api-contracts next to the repository. */
    static Path folder() {
        String configured = System.getProperty("contracts.dir");
        Path dir = configured != null ? Path.of(configured)
                : Path.of(System.getProperty("repo.dir", "../..")).resolve("../shared/api-contracts").normalize();
        if (!Files.isDirectory(dir)) {
            throw new IllegalStateException("the API contracts are not at " + dir.toAbsolutePath()
                    + " (set -Dcontracts.dir to the folder holding agents.md, support.md, ...)");
        }
        return dir;
    }

    static ContractDoc load(String fileName) {
        try {
            return new ContractDoc(fileName, Files.readAllLines(folder().resolve(fileName)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The section whose heading (any level, '#'s and backticks stripped) equals {@code heading}. */
    Section section(String heading) {
        boolean inFence = false;
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.startsWith("```")) {
                inFence = !inFence;
            } else if (!inFence && line.startsWith("#") && headingText(line).equals(heading)) {
                int level = level(line);
                int end = i + 1;
                boolean fence = false;
                for (; end < lines.size(); end++) {
                    String l = lines.get(end);
                    if (l.startsWith("```")) {
                        fence = !fence;
                    } else if (!fence && l.startsWith("#") && level(l) <= level) {
                        break;
                    }
                }
                return new Section(heading, lines.subList(i + 1, end));
            }
        }
        throw new IllegalStateException(name + " has no section headed '" + heading + "'");
    }

    private static int level(String line) {
        int n = 0;
        while (n < line.length() && line.charAt(n) == '#') {
            n++;
        }
        return n;
    }

    private static String headingText(String line) {
        return line.substring(level(line)).replace("`", "").strip();
    }

    /** A code fence: its info string (language) and text. */
    record Fence(String language, String text) {
    }

    final class Section {
        final String heading;
        private final List<String> body;

        private Section(String heading, List<String> body) {
            this.heading = heading;
            this.body = body;
        }

        String where() {
            return name + " \"" + heading + "\"";
        }

        List<Fence> fences() {
            List<Fence> fences = new ArrayList<>();
            String language = null;
            StringBuilder text = null;
            for (String line : body) {
                if (line.startsWith("```")) {
                    if (text == null) {
                        language = line.substring(3).strip();
                        text = new StringBuilder();
                    } else {
                        fences.add(new Fence(language, text.toString()));
                        text = null;
                    }
                } else if (text != null) {
                    text.append(line).append('\n');
                }
            }
            return fences;
        }

        /** The only (or first) fence in {@code language}. */
        String code(String language) {
            return fences().stream().filter(f -> f.language().equals(language)).findFirst().map(Fence::text)
                    .orElseThrow(() -> new IllegalStateException(where() + " has no ```" + language + " block"));
        }

        /** The section's first ```json fence. */
        JsonNode json() {
            return JSON.readTree(code("json"));
        }

        /** The first ```json fence after the first line containing {@code marker} (e.g. "**Response:**"). */
        JsonNode jsonAfter(String marker) {
            int at = -1;
            for (int i = 0; i < body.size(); i++) {
                if (body.get(i).contains(marker)) {
                    at = i;
                    break;
                }
            }
            if (at < 0) {
                throw new IllegalStateException(where() + " has no line containing '" + marker + "'");
            }
            StringBuilder text = null;
            for (int i = at + 1; i < body.size(); i++) {
                String line = body.get(i);
                if (text == null && line.startsWith("```json")) {
                    text = new StringBuilder();
                } else if (text != null && line.startsWith("```")) {
                    return JSON.readTree(text.toString());
                } else if (text != null) {
                    text.append(line).append('\n');
                }
            }
            throw new IllegalStateException(where() + " has no ```json block after '" + marker + "'");
        }

        /**
         * The section's TypeScript interface as a documented shape: `name: string` a string, `number` a number,
         * `"a" | "b"` one of the values, an optional (`name?:`) scalar may be null or absent, other types anything.
         */
        JsonNode typescriptInterface() {
            tools.jackson.databind.node.ObjectNode shape = JSON.createObjectNode();
            java.util.regex.Pattern field = java.util.regex.Pattern.compile("^\\s*(\\w+)(\\??):\\s*(.+?);.*$");
            for (String line : code("typescript").lines().toList()) {
                java.util.regex.Matcher m = field.matcher(line);
                if (!m.matches()) {
                    continue;
                }
                String optional = m.group(2).isEmpty() ? "" : " (optional)";
                String type = m.group(3).strip();
                if (type.equals("string")) {
                    shape.put(m.group(1), "string" + optional);
                } else if (type.equals("number")) {
                    shape.put(m.group(1), "float" + optional);
                } else if (type.equals("boolean")) {
                    shape.put(m.group(1), "boolean" + optional);
                } else if (type.matches("\"\\w+\"(\\s*\\|\\s*\"\\w+\")+")) {
                    shape.put(m.group(1), type.replaceAll("[\"\\s]", ""));
                } else {
                    shape.putNull(m.group(1));
                }
            }
            return shape;
        }

        /** conversations.md style: the object literal after a "// Response" line inside a code fence. */
        JsonNode jsonAfterComment(String comment) {
            for (Fence fence : fences()) {
                int at = fence.text().indexOf(comment + "\n");
                if (at >= 0) {
                    return JSON.readTree(fence.text().substring(at + comment.length() + 1));
                }
            }
            throw new IllegalStateException(where() + " has no '" + comment + "' in a code block");
        }
    }
}
