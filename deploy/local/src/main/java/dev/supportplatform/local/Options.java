package dev.supportplatform.local;

import dev.supportplatform.local.service.ServiceModule;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * How to start the local platform. {@link #defaults()} is what `deploy/local/run.sh` uses; {@link #fromEnvironment}
 * applies the documented environment variables on top; tests use the {@code with...} methods.
 *
 * @param dataDir         everything that survives a restart: database, secrets, logs, CDS archives
 * @param repoDir         the repository root, where {@code <module>/target/<module>-exec.jar} are found
 * @param rootApiKey      the root key for the gateway; {@code null} = the one kept in the data folder (generated once)
 * @param basePort        the gateway's port; the services take the next five (chat +1, crm +2, ...)
 * @param postgresPort    embedded PostgreSQL
 * @param redisPort       embedded Redis
 * @param startupTimeout  how long every service together may take to become ready
 * @param modules         which modules to start (all six by default)
 * @param extraJvmOptions appended to each service's JVM flags (they win over the defaults)
 * @param extraEnv        added to every service's environment (wins over the launcher's own values)
 * @param progress        where progress lines go
 */
public record Options(
        Path dataDir,
        Path repoDir,
        String rootApiKey,
        int basePort,
        int postgresPort,
        int redisPort,
        Duration startupTimeout,
        List<ServiceModule> modules,
        List<String> extraJvmOptions,
        Map<String, String> extraEnv,
        Consumer<String> progress) {

    public Options {
        dataDir = dataDir.toAbsolutePath().normalize();
        repoDir = repoDir.toAbsolutePath().normalize();
        modules = List.copyOf(modules);
        extraJvmOptions = List.copyOf(extraJvmOptions);
        extraEnv = Map.copyOf(extraEnv);
    }

    public static Options defaults() {
        return new Options(Path.of(".local-data"), RepoLocator.locate(null), null, 8080, 15432, 16379,
                Duration.ofSeconds(180), ServiceModule.ALL, List.of(), Map.of(), System.out::println);
    }

    /**
     * The environment variables run.sh documents: LOCAL_DATA_DIR, REPO_DIR, ROOT_API_KEY, LOCAL_BASE_PORT,
     * LOCAL_POSTGRES_PORT, LOCAL_REDIS_PORT, LOCAL_STARTUP_TIMEOUT (seconds), LOCAL_SERVICES
     * (comma-separated module names) and LOCAL_JVM_OPTS (space-separated extra JVM flags).
     */
    public static Options fromEnvironment(Map<String, String> env) {
        Options defaults = defaults();
        return new Options(
                Path.of(env.getOrDefault("LOCAL_DATA_DIR", defaults.dataDir.toString())),
                RepoLocator.locate(blankToNull(env.get("REPO_DIR"))),
                blankToNull(env.get("ROOT_API_KEY")),
                intOr(env, "LOCAL_BASE_PORT", defaults.basePort),
                intOr(env, "LOCAL_POSTGRES_PORT", defaults.postgresPort),
                intOr(env, "LOCAL_REDIS_PORT", defaults.redisPort),
                Duration.ofSeconds(intOr(env, "LOCAL_STARTUP_TIMEOUT", (int) defaults.startupTimeout.toSeconds())),
                env.containsKey("LOCAL_SERVICES") ? ServiceModule.named(splitOn(env.get("LOCAL_SERVICES"), ","))
                        : defaults.modules,
                splitOn(env.getOrDefault("LOCAL_JVM_OPTS", ""), " "),
                Map.of(),
                defaults.progress);
    }

    public Options withDataDir(Path dir) {
        return new Options(dir, repoDir, rootApiKey, basePort, postgresPort, redisPort, startupTimeout,
                modules, extraJvmOptions, extraEnv, progress);
    }

    public Options withRepoDir(Path dir) {
        return new Options(dataDir, dir, rootApiKey, basePort, postgresPort, redisPort, startupTimeout,
                modules, extraJvmOptions, extraEnv, progress);
    }

    public Options withRootApiKey(String key) {
        return new Options(dataDir, repoDir, key, basePort, postgresPort, redisPort, startupTimeout,
                modules, extraJvmOptions, extraEnv, progress);
    }

    public Options withPorts(int basePort, int postgresPort, int redisPort) {
        return new Options(dataDir, repoDir, rootApiKey, basePort, postgresPort, redisPort, startupTimeout,
                modules, extraJvmOptions, extraEnv, progress);
    }

    public Options withStartupTimeout(Duration timeout) {
        return new Options(dataDir, repoDir, rootApiKey, basePort, postgresPort, redisPort, timeout,
                modules, extraJvmOptions, extraEnv, progress);
    }

    public Options withModules(List<ServiceModule> only) {
        return new Options(dataDir, repoDir, rootApiKey, basePort, postgresPort, redisPort, startupTimeout,
                only, extraJvmOptions, extraEnv, progress);
    }

    public Options withExtraJvmOptions(List<String> options) {
        return new Options(dataDir, repoDir, rootApiKey, basePort, postgresPort, redisPort, startupTimeout,
                modules, options, extraEnv, progress);
    }

    public Options withExtraEnv(Map<String, String> env) {
        return new Options(dataDir, repoDir, rootApiKey, basePort, postgresPort, redisPort, startupTimeout,
                modules, extraJvmOptions, env, progress);
    }

    public Options withProgress(Consumer<String> sink) {
        return new Options(dataDir, repoDir, rootApiKey, basePort, postgresPort, redisPort, startupTimeout,
                modules, extraJvmOptions, extraEnv, sink);
    }

    public int portOf(ServiceModule module) {
        return basePort + module.portOffset();
    }

    private static int intOr(Map<String, String> env, String name, int fallback) {
        String value = blankToNull(env.get(name));
        if (value == null) {
            return fallback;
        }
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a number, got '" + value + "'");
        }
    }

    private static List<String> splitOn(String value, String separator) {
        return Arrays.stream(value.split(separator)).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
