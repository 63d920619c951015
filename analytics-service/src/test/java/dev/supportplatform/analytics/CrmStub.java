package dev.supportplatform.analytics;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;

import java.util.Map;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;

/**
 * crm-service for this module's tests: one WireMock server for the JVM, named as the CRM's URL in every test
 * context (registered in META-INF/spring.factories, so the contexts stay shareable). Unstubbed contacts are 404.
 */
public class CrmStub implements ApplicationContextInitializer<ConfigurableApplicationContext> {

    static final WireMockServer SERVER = new WireMockServer(WireMockConfiguration.options().dynamicPort());

    static {
        SERVER.start();
    }

    @Override
    public void initialize(ConfigurableApplicationContext context) {
        context.getEnvironment().getPropertySources().addFirst(new MapPropertySource("crm-stub",
                Map.of("platform.services.crm-url", SERVER.baseUrl())));
    }

    /** The CRM knows {@code id} (as internal or external id) with this name and email. */
    static void knows(String id, String contactId, String name, String email) {
        SERVER.stubFor(get(urlPathEqualTo("/crm/users/" + id)).willReturn(okJson("{\"success\": true, \"data\": {\"id\": \""
                + contactId + "\", \"name\": \"" + name + "\", \"email\": \"" + email + "\"}, \"metadata\": {}}")));
    }
}
