package dev.supportplatform.local.infra;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import java.io.IOException;
import java.lang.ProcessBuilder.Redirect;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;

/**
 * Embedded PostgreSQL 17 (zonky binaries, no pgvector) whose data directory survives restarts. One database,
 * {@value #DATABASE}; every service migrates its own schema in it with Flyway, as it does everywhere else.
 */
public final class LocalPostgres implements AutoCloseable {

    public static final String DATABASE = "support";
    public static final String USER = "postgres";

    private final EmbeddedPostgres postgres;

    private LocalPostgres(EmbeddedPostgres postgres) {
        this.postgres = postgres;
    }

    public static LocalPostgres start(Path dataDir, Path binariesDir, int port, Path logFile) throws IOException {
        EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                .setDataDirectory(dataDir)
                // Keeps the data: initdb runs only when the folder holds no cluster yet.
                .setCleanDataDirectory(false)
                .setOverrideWorkingDirectory(binariesDir.toFile())
                .setPort(port)
                .setPGStartupWait(Duration.ofSeconds(60))
                // The launcher stops it itself, after the services.
                .setRegisterShutdownHook(false)
                .setServerConfig("max_connections", "200")
                // Small: the data of one developer, and every backend maps the buffers it touches.
                .setServerConfig("shared_buffers", "32MB")
                // The embedded defaults trade durability for test speed (fsync off); this data is meant to be kept.
                .setServerConfig("fsync", "on")
                .setOutputRedirector(Redirect.appendTo(logFile.toFile()))
                .setErrorRedirector(Redirect.appendTo(logFile.toFile()))
                .start();
        LocalPostgres local = new LocalPostgres(postgres);
        local.createDatabaseIfAbsent();
        return local;
    }

    public String jdbcUrl() {
        return postgres.getJdbcUrl(USER, DATABASE);
    }

    public int port() {
        return postgres.getPort();
    }

    private void createDatabaseIfAbsent() throws IOException {
        try (Connection connection = postgres.getPostgresDatabase().getConnection();
             PreparedStatement exists = connection.prepareStatement("select 1 from pg_database where datname = ?")) {
            exists.setString(1, DATABASE);
            try (ResultSet rows = exists.executeQuery()) {
                if (!rows.next()) {
                    try (Statement create = connection.createStatement()) {
                        create.execute("create database " + DATABASE);
                    }
                }
            }
        } catch (SQLException e) {
            throw new IOException("cannot create database " + DATABASE, e);
        }
    }

    @Override
    public void close() throws IOException {
        postgres.close();
    }
}
