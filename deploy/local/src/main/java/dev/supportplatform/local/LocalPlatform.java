package dev.supportplatform.local;

import dev.supportplatform.local.infra.LocalKafka;
import dev.supportplatform.local.infra.LocalPostgres;
import dev.supportplatform.local.infra.LocalRedis;
import dev.supportplatform.local.service.ExecJars;
import dev.supportplatform.local.service.JvmFlags;
import dev.supportplatform.local.service.ServiceModule;
import dev.supportplatform.local.service.ServiceProcess;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Pattern;

/**
 * The whole platform on one machine: embedded PostgreSQL, Kafka and Redis in (or under) this JVM, every service as a
 * child JVM started from its exec jar. {@link Main} runs it from the command line; an end-to-end test starts it the
 * same way:
 *
 * <pre>{@code
 * try (LocalPlatform platform = LocalPlatform.start(Options.defaults().withDataDir(tempDir))) {
 *     HttpClient.newHttpClient().send(... platform.gatewayUrl() ... platform.rootKey() ...);
 * }
 * }</pre>
 */
public final class LocalPlatform implements AutoCloseable {

    // A JVM stopping for the first time writes its CDS archive on the way out: seconds each, six at once.
    private static final Duration GRACEFUL_STOP = Duration.ofSeconds(60);
    private static final Pattern STATUS_UP = Pattern.compile("\"status\"\\s*:\\s*\"UP\"");

    private final Options options;
    private final DataFolder data;
    private final String rootKey;
    private final long startedAtNanos = System.nanoTime();
    private final List<ServiceProcess> services = new ArrayList<>();
    private final AtomicBoolean closed = new AtomicBoolean();
    private volatile CompletableFuture<Void> infrastructure;
    private LocalPostgres postgres;
    private LocalKafka kafka;
    private LocalRedis redis;
    private Duration startupTime;

    LocalPlatform(Options options) {
        this.options = options;
        this.data = new DataFolder(options.dataDir());
        this.rootKey = data.rootApiKey(options.rootApiKey());
    }

    /**
     * Starts everything and returns once every service reports ready. On failure everything already started is
     * stopped again and the exception's message carries the failing service's log tail.
     */
    public static LocalPlatform start(Options options) {
        LocalPlatform platform = new LocalPlatform(options);
        try {
            platform.startAll();
            return platform;
        } catch (RuntimeException | Error e) {
            platform.close();
            throw e;
        }
    }

    public String gatewayUrl() {
        return "http://localhost:" + options.basePort();
    }

    public String urlOf(ServiceModule module) {
        return "http://localhost:" + options.portOf(module);
    }

    public String rootKey() {
        return rootKey;
    }

    public Path dataDir() {
        return data.root();
    }

    public Path logDir() {
        return data.logs();
    }

    public Path logFile(String module) {
        return data.logFile(module);
    }

    public Path logFile(ServiceModule module) {
        return data.logFile(module.name());
    }

    public String jdbcUrl() {
        return postgres.jdbcUrl();
    }

    public String kafkaBootstrapServers() {
        return kafka.bootstrapServers();
    }

    /** False when embedded Redis could not start here and the services run without Redis. */
    public boolean redisRunning() {
        return redis != null;
    }

    boolean isClosed() {
        return closed.get();
    }

    /** From {@link #start} until every service was ready. */
    public Duration startupTime() {
        return startupTime;
    }

    /** Process ids of the service JVMs, by module name (for measuring their memory). */
    public Map<String, Long> servicePids() {
        Map<String, Long> pids = new LinkedHashMap<>();
        synchronized (services) {
            services.forEach(s -> pids.put(s.module().name(), s.pid()));
        }
        return pids;
    }

    /** Package-private for {@link Main}, which must be able to {@link #close()} a platform that is still starting. */
    void startAll() {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Map<ServiceModule, Path> jars = execJars();
        Leftovers.stop(data, this::progress);
        requireFreePorts();
        // Redis starts in well under a second; whether it runs decides the services' environment.
        startRedis();
        // PostgreSQL and Kafka start side by side while the exec jars are unpacked (only after they changed).
        // Threads of our own inherit this thread's context class loader, which Kafka needs inside a fat jar.
        ExecutorService background = Executors.newFixedThreadPool(2);
        CompletableFuture<Void> database = CompletableFuture.runAsync(this::startPostgres, background);
        CompletableFuture<Void> messaging = CompletableFuture.runAsync(this::startKafka, background);
        infrastructure = CompletableFuture.allOf(database, messaging);
        background.shutdown();
        try {
            Map<ServiceModule, Path> runnable = new LinkedHashMap<>();
            for (ServiceModule module : options.modules()) {
                ExecJars.Runnable prepared = ExecJars.runnable(java, jars.get(module), data.extractedApp(module));
                if (prepared.changed()) {
                    Files.deleteIfExists(data.cdsArchive(module));
                }
                runnable.put(module, prepared.jar());
            }
            infrastructure.join();
            Map<String, String> common = commonEnvironment();
            for (ServiceModule module : options.modules()) {
                List<String> flags = JvmFlags.forService(module, data.cdsArchive(module), options.extraJvmOptions());
                synchronized (services) {
                    requireNotClosed();
                    services.add(ServiceProcess.start(module, options.portOf(module), java, flags,
                            runnable.get(module), environmentOf(module, common), data.logFile(module.name())));
                }
            }
            progress("Services     " + options.modules().size() + " started, waiting until they are ready (logs in "
                    + data.logs() + ")");
        } catch (IOException e) {
            throw new LocalPlatformException("could not start the services: " + e.getMessage(), e);
        } catch (CompletionException e) {
            throw e.getCause() instanceof LocalPlatformException cause ? cause
                    : new LocalPlatformException("could not start the infrastructure: " + e.getCause(), e.getCause());
        } finally {
            // On any failure the caller closes what started; the infrastructure must have finished starting first.
            infrastructure.exceptionally(e -> null).join();
        }
        awaitReady();
        startupTime = elapsed();
    }

    private void startPostgres() {
        requireNotClosed();
        try {
            postgres = LocalPostgres.start(data.postgres(), data.root().resolve("postgres-binaries"),
                    options.postgresPort(), data.logFile("postgres"));
            progress("PostgreSQL   ready on port " + postgres.port() + " (data in " + data.postgres() + ")");
        } catch (IOException e) {
            throw new LocalPlatformException("PostgreSQL did not start (see " + data.logFile("postgres") + "): "
                    + e.getMessage(), e);
        }
    }

    private void startKafka() {
        requireNotClosed();
        try {
            kafka = LocalKafka.start();
        } catch (RuntimeException | Error e) {
            throw new LocalPlatformException("Kafka did not start (see " + data.logFile("infrastructure") + "): " + e,
                    e);
        }
        progress("Kafka        ready at " + kafka.bootstrapServers() + " (embedded KRaft broker)");
    }

    private void startRedis() {
        try {
            redis = LocalRedis.start(options.redisPort(), data.redis(), data.logFile("redis"));
            progress("Redis        ready on port " + redis.port());
        } catch (IOException | RuntimeException e) {
            redis = null;
            progress("Redis        COULD NOT START here (" + e.getMessage() + "): the services run without it "
                    + "(the gateway keeps its rate-limit counters in memory). See " + data.logFile("redis"));
        }
    }

    private Map<ServiceModule, Path> execJars() {
        Map<ServiceModule, Path> jars = new LinkedHashMap<>();
        List<String> missing = new ArrayList<>();
        for (ServiceModule module : options.modules()) {
            Path jar = options.repoDir().resolve(module.name()).resolve("target").resolve(module.name() + "-exec.jar");
            if (Files.isRegularFile(jar)) {
                jars.put(module, jar);
            } else {
                missing.add(jar.toString());
            }
        }
        if (!missing.isEmpty()) {
            throw new LocalPlatformException("missing exec jars " + missing + ": build them with "
                    + "`./mvnw -DskipTests install` in " + options.repoDir() + " (or set REPO_DIR)");
        }
        return jars;
    }

    private void requireFreePorts() {
        Set<Integer> ports = new LinkedHashSet<>(List.of(options.postgresPort(), options.redisPort()));
        options.modules().forEach(m -> ports.add(options.portOf(m)));
        List<Integer> busy = ports.stream().filter(port -> !isFree(port)).toList();
        if (!busy.isEmpty()) {
            throw new LocalPlatformException("ports already in use: " + busy
                    + " (is another local stack running? stop it, or choose other ports with LOCAL_BASE_PORT, "
                    + "LOCAL_POSTGRES_PORT, LOCAL_REDIS_PORT)");
        }
    }

    private static boolean isFree(int port) {
        try (ServerSocket socket = new ServerSocket(port)) {
            socket.setReuseAddress(true);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private Map<String, String> commonEnvironment() {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("SPRING_PROFILES_ACTIVE", "local");
        env.put("DATABASE_URL", "jdbc:postgresql://localhost:" + postgres.port() + "/" + LocalPostgres.DATABASE);
        env.put("DATABASE_USER", LocalPostgres.USER);
        env.put("DATABASE_PASSWORD", "");
        // Six pools against one embedded server on a laptop: small ones.
        env.put("DATABASE_POOL_SIZE", "4");
        env.put("KAFKA_BOOTSTRAP_SERVERS", kafka.bootstrapServers());
        env.put("REDIS_HOST", "localhost");
        env.put("REDIS_PORT", Integer.toString(options.redisPort()));
        if (redis == null) {
            // Nothing listens there then: the gateway's rate limiter falls back to in-memory counters, and Redis must
            // not hold the health of the services down.
            env.put("MANAGEMENT_HEALTH_REDIS_ENABLED", "false");
        }
        env.put("INTERNAL_TOKEN_SECRET", data.internalTokenSecret());
        // Plain text logs: they are read by a person in a terminal, not shipped to a log store.
        env.put("LOG_FORMAT", "");
        env.put("OTEL_EXPORT_ENABLED", "false");
        env.put("VECTOR_STORE", "memory");
        env.put("KNOWLEDGE_DATA_DIR", data.knowledge().toString());
        // On a developer's own machine, webhook receivers and documents to ingest are often on localhost.
        env.put("WEBHOOKS_ALLOW_LOOPBACK", "true");
        env.put("URL_INGESTION_ALLOW_LOOPBACK", "true");
        return env;
    }

    private Map<String, String> environmentOf(ServiceModule module, Map<String, String> common) {
        Map<String, String> env = new LinkedHashMap<>(common);
        env.put("PORT", Integer.toString(options.portOf(module)));
        // Every service learns where the others are (the gateway routes to them; chat calls crm, knowledge and
        // escalation), so that non-default ports work too.
        for (ServiceModule service : ServiceModule.ALL) {
            if (!service.isGateway()) {
                env.put(service.urlVariable(), urlOf(service));
            }
        }
        if (module.isGateway()) {
            env.put("ROOT_API_KEY", rootKey);
        }
        env.putAll(options.extraEnv());
        return env;
    }

    private void awaitReady() {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        long deadline = startedAtNanos + options.startupTimeout().toNanos();
        List<ServiceProcess> pending = new ArrayList<>(services);
        while (!pending.isEmpty()) {
            requireNotClosed();
            for (ServiceProcess service : List.copyOf(pending)) {
                if (!service.isAlive()) {
                    throw failure(service, "exited before it was ready");
                }
                if (isUp(http, service.healthUrl())) {
                    service.markReady();
                    pending.remove(service);
                    progress(String.format(Locale.ROOT, "  %-19s ready", service.module().name()));
                }
            }
            if (!pending.isEmpty()) {
                if (System.nanoTime() > deadline) {
                    throw failure(pending.getFirst(), "was not ready within " + options.startupTimeout().toSeconds()
                            + " s (health: " + pending.getFirst().healthUrl() + ")");
                }
                sleep(Duration.ofMillis(500));
            }
        }
    }

    private static boolean isUp(HttpClient http, String url) {
        try {
            HttpResponse<String> response = http.send(
                    HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(3)).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            return response.statusCode() == 200 && STATUS_UP.matcher(response.body()).find();
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LocalPlatformException("interrupted while waiting for " + url, e);
        }
    }

    private void requireNotClosed() {
        if (closed.get()) {
            throw new LocalPlatformException("stopped while starting");
        }
    }

    private LocalPlatformException failure(ServiceProcess service, String what) {
        return new LocalPlatformException(service.module().name() + " " + what + ". Last lines of "
                + service.logFile() + ":" + System.lineSeparator() + service.logTail(40));
    }

    /** Stops the services (gracefully, then forcibly), then Kafka, Redis and PostgreSQL. Safe to call twice. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        List<ServiceProcess> running;
        synchronized (services) {
            running = List.copyOf(services);
        }
        running.forEach(ServiceProcess::requestStop);
        long deadline = System.nanoTime() + GRACEFUL_STOP.toNanos();
        long stopStarted = System.nanoTime();
        for (ServiceProcess service : running) {
            try {
                boolean graceful = service.awaitStop(Duration.ofNanos(deadline - System.nanoTime()));
                progress(String.format(Locale.ROOT, "  %-19s %s after %.1f s", service.module().name(),
                        graceful ? "stopped" : "KILLED (no graceful stop)", (System.nanoTime() - stopStarted) / 1e9));
                if (!service.isReady() || !graceful) {
                    // Written from a start cut short (or not written completely): it would only make later starts slow.
                    Files.deleteIfExists(data.cdsArchive(service.module()));
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (IOException e) {
                progress("could not remove " + data.cdsArchive(service.module()) + ": " + e.getMessage());
            }
        }
        CompletableFuture<Void> starting = infrastructure;
        if (starting != null) {
            // Still starting in the background (a stop during startup): let it finish, then stop what it started.
            starting.exceptionally(e -> null).join();
        }
        quietly("Kafka", kafka);
        quietly("Redis", redis);
        quietly("PostgreSQL", postgres);
    }

    private void quietly(String name, AutoCloseable component) {
        if (component == null) {
            return;
        }
        try {
            component.close();
        } catch (Exception e) {
            progress(name + " did not stop cleanly: " + e.getMessage());
        }
    }

    /** Synchronized: the infrastructure threads report too, and the sink need not be thread-safe. */
    private synchronized void progress(String line) {
        options.progress().accept(String.format(Locale.ROOT, "[%5.1f s] %s", elapsed().toMillis() / 1e3, line));
    }

    private Duration elapsed() {
        return Duration.ofNanos(System.nanoTime() - startedAtNanos);
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LocalPlatformException("interrupted while starting", e);
        }
    }
}
