package dev.supportplatform.local;

import dev.supportplatform.local.service.ServiceModule;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class OptionsTest {

    @Test
    void withoutSettingsStartsEverythingOnTheDocumentedPortsInDotLocalData() {
        Options options = Options.fromEnvironment(Map.of());

        assertThat(options.dataDir()).isEqualTo(Path.of(".local-data").toAbsolutePath().normalize());
        assertThat(options.basePort()).isEqualTo(8080);
        assertThat(options.modules()).containsExactlyElementsOf(ServiceModule.ALL);
        assertThat(options.portOf(ServiceModule.CHAT)).isEqualTo(8081);
        assertThat(options.portOf(ServiceModule.ANALYTICS)).isEqualTo(8085);
        assertThat(options.rootApiKey()).isNull();
        // The repository is found from the launcher's own location (target/classes here).
        assertThat(options.repoDir().resolve("deploy/local/run.sh")).exists();
    }

    @Test
    void environmentVariablesOverrideTheDefaults() {
        Options options = Options.fromEnvironment(Map.of(
                "LOCAL_DATA_DIR", "/tmp/elsewhere",
                "ROOT_API_KEY", "my-root-key",
                "LOCAL_BASE_PORT", "9080",
                "LOCAL_STARTUP_TIMEOUT", "90",
                "LOCAL_SERVICES", "gateway, crm-service",
                "LOCAL_JVM_OPTS", "-Xmx512m  -Dx=y"));

        assertThat(options.dataDir()).isEqualTo(Path.of("/tmp/elsewhere"));
        assertThat(options.rootApiKey()).isEqualTo("my-root-key");
        assertThat(options.portOf(ServiceModule.CRM)).isEqualTo(9082);
        assertThat(options.startupTimeout()).isEqualTo(Duration.ofSeconds(90));
        assertThat(options.modules()).containsExactly(ServiceModule.GATEWAY, ServiceModule.CRM);
        assertThat(options.extraJvmOptions()).containsExactly("-Xmx512m", "-Dx=y");
    }

    @Test
    void badSettingsAreRefusedWithTheirName() {
        assertThatThrownBy(() -> Options.fromEnvironment(Map.of("LOCAL_BASE_PORT", "eighty")))
                .hasMessageContaining("LOCAL_BASE_PORT");
        assertThatThrownBy(() -> Options.fromEnvironment(Map.of("LOCAL_SERVICES", "billing-service")))
                .hasMessageContaining("billing-service");
    }

    @Test
    void gatewayFindsEachServiceThroughItsUrlVariable() {
        assertThat(ServiceModule.CHAT.urlVariable()).isEqualTo("CHAT_SERVICE_URL");
        assertThat(ServiceModule.KNOWLEDGE.urlVariable()).isEqualTo("KNOWLEDGE_SERVICE_URL");
        assertThat(List.of(ServiceModule.GATEWAY.readinessPath(), ServiceModule.CRM.readinessPath()))
                .containsExactly("/actuator/health", "/actuator/health/readiness");
    }
}
