package dev.supportplatform.local.service;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Flags that keep six JVMs small and quick to start on a two-core laptop. The local stack serves one developer:
 * C1 only (less compile work at start), the serial collector (no GC threads competing for the cores), a modest heap,
 * and an automatically maintained class-data sharing archive per service for faster second starts. The figures are in
 * deploy/local/BENCHMARK.md.
 */
public final class JvmFlags {

    private JvmFlags() {
    }

    public static List<String> forService(ServiceModule module, Path cdsArchive, List<String> extra) {
        List<String> flags = new ArrayList<>(List.of(
                "-Xms32m",
                "-Xmx" + module.heapMegabytes() + "m",
                "-Xss512k",
                "-XX:+UseSerialGC",
                "-XX:TieredStopAtLevel=1",
                "-XX:ReservedCodeCacheSize=64m",
                "-XX:MaxDirectMemorySize=64m",
                "-XX:+ExitOnOutOfMemoryError",
                // Written when the JVM exits normally, re-created when the jars changed; missing = plain start.
                "-XX:+AutoCreateSharedArchive",
                "-XX:SharedArchiveFile=" + cdsArchive,
                "-Xlog:cds=off",
                "-Xlog:cds+dynamic=off"));
        flags.addAll(extra);
        return flags;
    }
}
