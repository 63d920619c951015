package dev.supportplatform.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Runs a contract's sample as its reader would (python3, node, bash + curl) against the running platform, in a fresh
 * working folder, with the credential and base URL in the environment, and collects the HTTP exchanges (and WebSocket
 * messages) the sample made as recorded by the runtime shims in src/test/resources/samples: Python's `requests` is a
 * standard-library shim put first on PYTHONPATH, JavaScript gets a browser-like prelude (`node --import`), `curl` is a
 * bash function wrapping the real curl. Each adds only the credential header, and only when the sample sends none.
 */
final class SampleRunner {

    /** One HTTP request and response the sample made, or (method "WS") one WebSocket message it received. */
    record Exchange(String method, String url, int status, String body) {
        String path() {
            String p = url.replaceFirst("^[a-z]+://[^/]+", "");
            int q = p.indexOf('?');
            return q < 0 ? p : p.substring(0, q);
        }

        @Override
        public String toString() {
            return method + " " + url + " -> " + status + " " + (body.length() > 600 ? body.substring(0, 600) + "..." : body);
        }
    }

    record Result(String sample, int exitCode, String stdout, String stderr, List<Exchange> exchanges) {
        List<Exchange> http() {
            return exchanges.stream().filter(e -> !e.method().equals("WS")).toList();
        }

        List<Exchange> webSocketMessages() {
            return exchanges.stream().filter(e -> e.method().equals("WS")).toList();
        }

        String describe() {
            return sample + ": exit " + exitCode + "\n--- stdout\n" + stdout + "\n--- stderr\n" + stderr + "\n--- exchanges\n"
                    + String.join("\n", exchanges.stream().map(Exchange::toString).toList());
        }
    }

    private final String baseUrl;
    private final String apiKey;
    final Path workDir;
    private final Path exchangeDir;
    private final Map<String, String> extraEnv;

    SampleRunner(String baseUrl, String apiKey, Map<String, String> extraEnv) {
        this.baseUrl = baseUrl;
        this.apiKey = apiKey;
        this.extraEnv = extraEnv;
        try {
            workDir = Files.createTempDirectory("contract-sample");
            exchangeDir = Files.createDirectory(workDir.resolve(".exchanges"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    SampleRunner(String baseUrl, String apiKey) {
        this(baseUrl, apiKey, Map.of());
    }

    static Path resource(String name) {
        try {
            return Path.of(SampleRunner.class.getResource("/samples/" + name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A file the sample reads (e.g. "product_manual.pdf"), placed in its working folder. */
    SampleRunner withFile(String name, byte[] content) {
        try {
            Files.write(workDir.resolve(name), content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    Result python(String sample, String code) {
        return run(sample, "sample.py", code, List.of("python3", "sample.py"));
    }

    Result node(String sample, String code, String... nodeFlags) {
        List<String> command = new ArrayList<>(List.of("node"));
        command.addAll(List.of(nodeFlags));
        command.addAll(List.of("--import", resource("node/browser-prelude.mjs").toUri().toString(), "sample.mjs"));
        return run(sample, "sample.mjs", code, command);
    }

    Result bash(String sample, String code) {
        String script = "source '" + resource("curl-prelude.sh") + "'\n" + code;
        return run(sample, "sample.sh", script, List.of("bash", "sample.sh"));
    }

    private Result run(String sample, String fileName, String code, List<String> command) {
        try {
            Files.writeString(workDir.resolve(fileName), code);
            ProcessBuilder builder = new ProcessBuilder(command).directory(workDir.toFile())
                    .redirectOutput(workDir.resolve(".stdout").toFile()).redirectError(workDir.resolve(".stderr").toFile());
            Map<String, String> env = builder.environment();
            env.put("E2E_BASE_URL", baseUrl);
            env.put("E2E_API_KEY", apiKey);
            env.put("E2E_EXCHANGE_DIR", exchangeDir.toString());
            env.put("PYTHONPATH", resource("python").toString());
            env.put("PYTHONDONTWRITEBYTECODE", "1");
            env.putAll(extraEnv);
            Process process = builder.start();
            int exit;
            if (process.waitFor(Duration.ofMinutes(2).toSeconds(), TimeUnit.SECONDS)) {
                exit = process.exitValue();
            } else {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly().waitFor();
                exit = -1;
            }
            return new Result(sample, exit, read(".stdout") + (exit == -1 ? "\n[killed after 2 minutes]" : ""), read(".stderr"),
                    exchanges());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private String read(String name) throws IOException {
        return Files.readString(workDir.resolve(name), StandardCharsets.UTF_8);
    }

    private List<Exchange> exchanges() throws IOException {
        List<Exchange> all = new ArrayList<>();
        try (Stream<Path> files = Files.list(exchangeDir)) {
            for (Path file : files.sorted().toList()) {
                String name = file.getFileName().toString();
                if (name.endsWith(".meta")) {
                    List<String> meta = Files.readAllLines(file);
                    String body = Files.readString(file.resolveSibling(name.replace(".meta", ".body")), StandardCharsets.UTF_8);
                    all.add(new Exchange(meta.get(0), meta.get(1), Integer.parseInt(meta.get(2).strip()), body));
                } else if (name.endsWith(".ws")) {
                    all.add(new Exchange("WS", "", 0, Files.readString(file, StandardCharsets.UTF_8)));
                }
            }
        }
        return all;
    }
}
