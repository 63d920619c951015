package dev.supportplatform.gateway.auth;

import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.jdbc.autoconfigure.DataSourceProperties;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Properties;

/**
 * Keeps every replica's {@link CredentialCache} in step with the stored credentials. The database announces each
 * change to a key (revocation, rotation, new tenant origins) in the transaction that makes it ({@code pg_notify} from
 * a trigger, migration V2); each replica holds one connection that LISTENs and evicts the announced secret hash, so a
 * revoked key stops working everywhere within milliseconds of the commit. It does not depend on Redis. A replica that
 * loses its listening connection may have missed announcements, so it drops its whole cache on reconnecting.
 */
@Component
public class CredentialEvents implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(CredentialEvents.class);
    static final String CHANNEL = "gateway_credentials";
    private static final int WAIT_MILLIS = 500;
    /** A silent connection is checked this often, so a dead one (no FIN from a crashed server) is noticed. */
    private static final Duration PROBE_EVERY = Duration.ofSeconds(10);
    private static final Duration RECONNECT_MAX = Duration.ofSeconds(2);

    private final DataSourceProperties dataSource;
    private final CredentialCache cache;
    private volatile Thread listener;

    public CredentialEvents(DataSourceProperties dataSource, CredentialCache cache) {
        this.dataSource = dataSource;
        this.cache = cache;
    }

    /**
     * Evicts {@code hash} on this replica at once. The other replicas hear of the change from the database, which
     * announced it when the change was committed.
     */
    public Mono<Void> revoked(String hash) {
        cache.evict(hash);
        return Mono.empty();
    }

    @Override
    public void start() {
        Thread thread = Thread.ofPlatform().daemon().name("credential-events").unstarted(this::listen);
        listener = thread; // before it runs: the loop runs while it is the current listener
        thread.start();
    }

    private void listen() {
        long backoff = 100;
        while (listener == Thread.currentThread()) {
            try (Connection connection = connect()) {
                try (Statement statement = connection.createStatement()) {
                    statement.execute("LISTEN " + CHANNEL);
                }
                cache.evictAll(); // anything announced while not listening was missed
                backoff = 100;
                receive(connection);
            } catch (SQLException e) {
                if (listener != Thread.currentThread()) {
                    return;
                }
                log.warn("Credential change listener disconnected, retrying: {}", e.toString());
                try {
                    Thread.sleep(backoff);
                } catch (InterruptedException interrupted) {
                    return;
                }
                backoff = Math.min(backoff * 2, RECONNECT_MAX.toMillis());
            }
        }
    }

    private void receive(Connection connection) throws SQLException {
        PGConnection pg = connection.unwrap(PGConnection.class);
        long lastProbe = System.nanoTime();
        while (listener == Thread.currentThread()) {
            PGNotification[] notifications = pg.getNotifications(WAIT_MILLIS);
            if (notifications != null) {
                for (PGNotification notification : notifications) {
                    cache.evict(notification.getParameter());
                }
            }
            if (System.nanoTime() - lastProbe > PROBE_EVERY.toNanos()) {
                try (Statement statement = connection.createStatement()) {
                    statement.execute("SELECT 1");
                }
                lastProbe = System.nanoTime();
            }
        }
    }

    private Connection connect() throws SQLException {
        Properties properties = new Properties();
        if (dataSource.determineUsername() != null) {
            properties.setProperty("user", dataSource.determineUsername());
        }
        if (dataSource.determinePassword() != null) {
            properties.setProperty("password", dataSource.determinePassword());
        }
        properties.setProperty("connectTimeout", "5");
        properties.setProperty("socketTimeout", "30");
        properties.setProperty("tcpKeepAlive", "true");
        properties.setProperty("ApplicationName", "gateway-credential-events");
        return DriverManager.getConnection(dataSource.determineUrl(), properties);
    }

    @Override
    public void stop() {
        Thread running = listener;
        listener = null;
        if (running != null) {
            running.interrupt();
        }
    }

    @Override
    public boolean isRunning() {
        return listener != null;
    }
}
