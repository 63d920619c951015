package dev.supportplatform.knowledge.bench;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The StackFAQ data set: 125 threads (question + answers) and their 1,250 paraphrased queries. */
record StackFaq(List<Thread> threads, List<Query> queries) {

    record Thread(int index, String question, List<String> answers) {
    }

    record Query(String text, int thread) {
    }

    static StackFaq load(Path json) throws Exception {
        JsonNode root = JsonMapper.builder().build().readTree(Files.readString(json));
        List<Thread> threads = new ArrayList<>();
        List<Query> queries = new ArrayList<>();
        int i = 0;
        for (JsonNode pair : root.get("root").get("qapair")) {
            List<String> answers = new ArrayList<>();
            JsonNode a = pair.get("answer");
            if (a.isArray()) {
                a.forEach(x -> answers.add(x.asString()));
            } else {
                answers.add(a.asString());
            }
            threads.add(new Thread(i, pair.get("question").asString(), answers));
            for (JsonNode r : pair.get("rephr")) {
                if (!r.asString().isBlank() && !r.asString().strip().equals("*")) {
                    queries.add(new Query(r.asString(), i));
                }
            }
            i++;
        }
        return new StackFaq(threads, queries);
    }

    static Path defaultPath() {
        for (Path p : List.of(Path.of("../../shared/datasets/stackfaq/stackExchange-FAQ.json"),
                Path.of("../shared/datasets/stackfaq/stackExchange-FAQ.json"), Path.of("/work/shared/datasets/stackfaq/stackExchange-FAQ.json"))) {
            if (Files.exists(p)) {
                return p;
            }
        }
        throw new IllegalStateException("StackFAQ not found; pass its path as the first argument");
    }
}
