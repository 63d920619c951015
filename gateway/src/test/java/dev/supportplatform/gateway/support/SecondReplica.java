package dev.supportplatform.gateway.support;

import dev.supportplatform.gateway.GatewayApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.support.GenericApplicationContext;
import org.springframework.http.client.ReactorResourceFactory;

import java.util.ArrayList;
import java.util.List;

/** Another gateway replica in the same JVM, on its own port, sharing the database (and Redis) with the test's own. */
public final class SecondReplica implements AutoCloseable {

    private final ConfigurableApplicationContext context;

    private SecondReplica(ConfigurableApplicationContext context) {
        this.context = context;
    }

    /** @param extraArgs more {@code --property=value} settings, e.g. an unreachable Redis */
    public static SecondReplica start(String... extraArgs) {
        List<String> args = new ArrayList<>(List.of(
                "--server.port=0",
                "--platform.internal-token.secret=" + TestSecrets.INTERNAL_TOKEN_SECRET,
                "--gateway.auth.root-api-key=" + TestSecrets.ROOT_KEY,
                "--gateway.auth.trusted-proxies=127.0.0.1,0:0:0:0:0:0:0:1",
                "--logging.structured.format.console="));
        TestBackends.properties().forEach((k, v) -> args.add("--" + k + "=" + v));
        args.addAll(List.of(extraArgs));
        return new SecondReplica(new SpringApplicationBuilder(GatewayApplication.class)
                .initializers(SecondReplica::ownNettyResources)
                .run(args.toArray(String[]::new)));
    }

    /**
     * Event loops of its own: with the shared (global) ones, closing this replica would dispose the loops that the
     * test's own gateway, cached for other test classes, still serves on.
     */
    private static void ownNettyResources(ConfigurableApplicationContext context) {
        ((GenericApplicationContext) context).registerBean("reactorResourceFactory", ReactorResourceFactory.class, () -> {
            ReactorResourceFactory resources = new ReactorResourceFactory();
            resources.setUseGlobalResources(false);
            return resources;
        });
    }

    public int port() {
        return ((WebServerApplicationContext) context).getWebServer().getPort();
    }

    @Override
    public void close() {
        context.close();
    }
}
