package dev.supportplatform.local;

import dev.supportplatform.local.service.ServiceModule;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import redis.clients.jedis.Jedis;

import java.io.IOException;
import java.io.StringReader;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The launcher against real embedded PostgreSQL, Kafka and Redis, with a tiny HTTP server standing in for the
 * services (the real ones are tested in their own modules; here what matters is what the launcher gives them and how
 * it starts and stops them). Ports away from the defaults so that a running local stack does not interfere.
 */
class LocalPlatformTest {

    private static final List<ServiceModule> MODULES = List.of(ServiceModule.GATEWAY, ServiceModule.CHAT);
    private static final int BASE_PORT = 18180;
    private static final int POSTGRES_PORT = 15532;
    private static final int REDIS_PORT = 16479;

    @TempDir
    static Path repo;

    private final HttpClient http = HttpClient.newHttpClient();
    private final List<String> progress = new ArrayList<>();

    @BeforeAll
    static void fakeRepository() throws IOException {
        FakeServices.repository(repo, MODULES);
    }

    private Options options(Path data) {
        return Options.defaults()
                .withRepoDir(repo)
                .withDataDir(data)
                .withPorts(BASE_PORT, POSTGRES_PORT, REDIS_PORT)
                .withModules(MODULES)
                .withStartupTimeout(Duration.ofSeconds(120))
                .withProgress(progress::add);
    }

    @Test
    void startsInfrastructureAndServicesAndGivesThemWhatTheyNeed(@TempDir Path data) throws Exception {
        try (LocalPlatform platform = LocalPlatform.start(options(data).withRootApiKey("root-from-env"))) {
            assertThat(platform.gatewayUrl()).isEqualTo("http://localhost:" + BASE_PORT);
            assertThat(platform.rootKey()).isEqualTo("root-from-env");

            Properties gateway = envOf(BASE_PORT);
            Properties chat = envOf(BASE_PORT + 1);
            assertThat(gateway.getProperty("ROOT_API_KEY")).isEqualTo("root-from-env");
            assertThat(gateway.getProperty("CHAT_SERVICE_URL")).isEqualTo("http://localhost:" + (BASE_PORT + 1));
            assertThat(gateway.getProperty("ANALYTICS_SERVICE_URL")).isEqualTo("http://localhost:" + (BASE_PORT + 5));
            assertThat(chat.getProperty("PORT")).isEqualTo(Integer.toString(BASE_PORT + 1));
            assertThat(chat.getProperty("ROOT_API_KEY")).isNull();
            assertThat(chat.getProperty("CRM_SERVICE_URL")).as("chat calls the CRM on whatever port it runs")
                    .isEqualTo("http://localhost:" + (BASE_PORT + 2));
            assertThat(chat.getProperty("SPRING_PROFILES_ACTIVE")).isEqualTo("local");
            assertThat(chat.getProperty("VECTOR_STORE")).isEqualTo("memory");
            assertThat(chat.getProperty("KNOWLEDGE_DATA_DIR")).isEqualTo(data.resolve("knowledge").toString());
            assertThat(chat.getProperty("INTERNAL_TOKEN_SECRET"))
                    .hasSizeGreaterThanOrEqualTo(32)
                    .isEqualTo(gateway.getProperty("INTERNAL_TOKEN_SECRET"));

            // The addresses handed to the services lead to working servers.
            try (Connection db = DriverManager.getConnection(chat.getProperty("DATABASE_URL"),
                    chat.getProperty("DATABASE_USER"), chat.getProperty("DATABASE_PASSWORD"));
                 ResultSet row = db.createStatement().executeQuery("select current_database()")) {
                row.next();
                assertThat(row.getString(1)).isEqualTo("support");
            }
            try (Admin kafka = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                    chat.getProperty("KAFKA_BOOTSTRAP_SERVERS")))) {
                assertThat(kafka.describeCluster().nodes().get(30, TimeUnit.SECONDS)).hasSize(1);
            }
            try (Jedis redis = new Jedis(chat.getProperty("REDIS_HOST"),
                    Integer.parseInt(chat.getProperty("REDIS_PORT")))) {
                assertThat(redis.ping()).isEqualTo("PONG");
            }

            assertThat(Files.readString(platform.logFile("chat-service")))
                    .contains("fake service starting on port " + (BASE_PORT + 1));
        }
        assertThat(progress).anyMatch(line -> line.contains("gateway") && line.contains("ready"));
        assertThat(progress).anyMatch(line -> line.contains("chat-service") && line.contains("stopped after"));
        assertAllPortsFree();
    }

    @Test
    void keepsDataAndSecretsBetweenRuns(@TempDir Path data) throws Exception {
        String rootKey;
        String secret;
        try (LocalPlatform first = LocalPlatform.start(options(data))) {
            rootKey = first.rootKey();
            secret = envOf(BASE_PORT).getProperty("INTERNAL_TOKEN_SECRET");
            try (Connection db = DriverManager.getConnection(first.jdbcUrl());
                 Statement sql = db.createStatement()) {
                sql.execute("create table kept (note text)");
                sql.execute("insert into kept values ('still here')");
            }
        }
        try (LocalPlatform second = LocalPlatform.start(options(data))) {
            assertThat(second.rootKey()).isEqualTo(rootKey).startsWith("sp_root_");
            assertThat(envOf(BASE_PORT).getProperty("INTERNAL_TOKEN_SECRET")).isEqualTo(secret);
            try (Connection db = DriverManager.getConnection(second.jdbcUrl());
                 ResultSet row = db.createStatement().executeQuery("select note, current_setting('fsync') from kept")) {
                row.next();
                assertThat(row.getString(1)).isEqualTo("still here");
                assertThat(row.getString(2)).isEqualTo("on");
            }
        }
    }

    @Test
    void aServiceThatDoesNotComeUpFailsTheStartWithItsLogAndStopsEverything(@TempDir Path data) throws Exception {
        Options failingChat = options(data).withExtraEnv(Map.of("FAKE_FAIL_PORT", Integer.toString(BASE_PORT + 1)));

        assertThatThrownBy(() -> LocalPlatform.start(failingChat))
                .isInstanceOf(LocalPlatformException.class)
                .hasMessageContaining("chat-service exited before it was ready")
                .hasMessageContaining("fatal: the database refused the connection");
        assertAllPortsFree();
    }

    @Test
    void refusesToStartWhenAnExecJarIsMissing(@TempDir Path data) {
        Options withAnalytics = options(data).withModules(List.of(ServiceModule.ANALYTICS));

        assertThatThrownBy(() -> LocalPlatform.start(withAnalytics))
                .isInstanceOf(LocalPlatformException.class)
                .hasMessageContaining("analytics-service-exec.jar")
                .hasMessageContaining("./mvnw -DskipTests install");
    }

    private Properties envOf(int port) throws Exception {
        HttpResponse<String> response = http.send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/env")).build(),
                HttpResponse.BodyHandlers.ofString());
        Properties env = new Properties();
        env.load(new StringReader(response.body().replace("\\", "\\\\")));
        return env;
    }

    private static void assertAllPortsFree() {
        for (int port : new int[] {BASE_PORT, BASE_PORT + 1, POSTGRES_PORT, REDIS_PORT}) {
            try (ServerSocket socket = new ServerSocket(port)) {
                assertThat(socket.isBound()).as("port %d is free again", port).isTrue();
            } catch (IOException e) {
                throw new AssertionError("port " + port + " is still in use after close", e);
            }
        }
    }
}
