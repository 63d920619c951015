package dev.supportplatform.local.infra;

import redis.embedded.RedisServer;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** Embedded Redis 6.2 (codemonstur binaries) bound to localhost, snapshotting into the data folder. */
public final class LocalRedis implements AutoCloseable {

    private final RedisServer server;
    private final int port;
    private final PrintWriter log;

    private LocalRedis(RedisServer server, int port, PrintWriter log) {
        this.server = server;
        this.port = port;
        this.log = log;
    }

    public static LocalRedis start(int port, Path dataDir, Path logFile) throws IOException {
        PrintWriter log = new PrintWriter(Files.newBufferedWriter(logFile, StandardCharsets.UTF_8,
                StandardOpenOption.CREATE, StandardOpenOption.APPEND), true);
        try {
            RedisServer server = RedisServer.newRedisServer()
                    .port(port)
                    .bind("127.0.0.1")
                    .setting("dir \"" + dataDir.toAbsolutePath() + "\"")
                    .setting("maxmemory 128mb")
                    .soutListener(log::println)
                    .serrListener(log::println)
                    .build();
            server.start();
            return new LocalRedis(server, port, log);
        } catch (IOException | RuntimeException e) {
            log.close();
            throw e;
        }
    }

    public int port() {
        return port;
    }

    @Override
    public void close() {
        try {
            server.stop();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            log.close();
        }
    }
}
