package dev.supportplatform.gateway;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.supportplatform.common.identity.Identity;
import dev.supportplatform.gateway.support.GatewayClient;
import dev.supportplatform.gateway.support.GatewayIntegrationTest;
import dev.supportplatform.gateway.support.TestBackends;
import dev.supportplatform.gateway.support.TestSecrets;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;

import static org.assertj.core.api.Assertions.assertThat;

@GatewayIntegrationTest
class JwtTest {

    static RSAKey issuerKey;

    @LocalServerPort
    int port;

    @BeforeAll
    static void publishTheIssuersJwks() throws Exception {
        issuerKey = new RSAKeyGenerator(2048).keyID("issuer-key-1").generate();
        TestBackends.ANALYTICS.serveJwks(new JWKSet(issuerKey.toPublicJWK()).toString());
    }

    private static JWTClaimsSet claims(String tenant, Instant expires) {
        return new JWTClaimsSet.Builder().subject("user-jwt").claim("tenant_id", tenant).claim("scope", "chat read")
                .issueTime(new Date()).expirationTime(Date.from(expires)).build();
    }

    private static String hs256(JWTClaimsSet claims, String secret) throws Exception {
        SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims);
        jwt.sign(new MACSigner(secret.getBytes(StandardCharsets.UTF_8)));
        return jwt.serialize();
    }

    private static String rs256(JWTClaimsSet claims, RSAKey key) throws Exception {
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).build(), claims);
        jwt.sign(new RSASSASigner(key));
        return jwt.serialize();
    }

    private int status(String token, String path) {
        return GatewayClient.at(port).withBearer(token).get(path).status();
    }

    @Test
    void acceptsAnHs256TokenAndForwardsItsTenantAndScopes() throws Exception {
        String token = hs256(claims("t-jwt-hs", Instant.now().plusSeconds(300)), TestSecrets.JWT_SECRET);
        assertThat(status(token, "/v1/sessions/jwt-hs")).isEqualTo(200);
        Identity identity = TestSecrets.CODEC.verify(TestBackends.CHAT.lastFor("/v1/sessions/jwt-hs").header("X-Internal-Token"));
        assertThat(identity.tenantId()).isEqualTo("t-jwt-hs");
        assertThat(identity.principal()).isEqualTo("user-jwt");
        assertThat(identity.scopes()).containsExactlyInAnyOrder("chat", "read");
        assertThat(identity.credential()).isEqualTo("jwt");
    }

    @Test
    void acceptsAnRs256TokenSignedByTheIssuersJwksKey() throws Exception {
        String token = rs256(claims("t-jwt-rs", Instant.now().plusSeconds(300)), issuerKey);
        assertThat(status(token, "/v1/sessions/jwt-rs")).isEqualTo(200);
        Identity identity = TestSecrets.CODEC.verify(TestBackends.CHAT.lastFor("/v1/sessions/jwt-rs").header("X-Internal-Token"));
        assertThat(identity.tenantId()).isEqualTo("t-jwt-rs");
    }

    @Test
    void refusesAnRs256TokenSignedByAnotherKey() throws Exception {
        RSAKey stranger = new RSAKeyGenerator(2048).keyID("issuer-key-1").generate();
        String token = rs256(claims("t-jwt-rs", Instant.now().plusSeconds(300)), stranger);
        assertThat(status(token, "/v1/sessions/x")).isEqualTo(401);
    }

    @Test
    void refusesAWrongHs256Signature() throws Exception {
        String token = hs256(claims("t-jwt", Instant.now().plusSeconds(300)), "another-secret-that-is-long-enough-0123456789");
        assertThat(status(token, "/v1/sessions/x")).isEqualTo(401);
    }

    @Test
    void refusesAnExpiredToken() throws Exception {
        String token = hs256(claims("t-jwt", Instant.now().minusSeconds(600)), TestSecrets.JWT_SECRET);
        assertThat(status(token, "/v1/sessions/x")).isEqualTo(401);
    }

    @Test
    void refusesAlgNone() {
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        String header = b64.encodeToString("{\"alg\":\"none\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8));
        String payload = b64.encodeToString(("{\"sub\":\"x\",\"tenant_id\":\"t-none\",\"exp\":"
                + (Instant.now().getEpochSecond() + 300) + "}").getBytes(StandardCharsets.UTF_8));
        assertThat(status(header + "." + payload + ".", "/v1/sessions/x")).isEqualTo(401);
    }

    @Test
    void refusesATokenWithoutTenant() throws Exception {
        JWTClaimsSet noTenant = new JWTClaimsSet.Builder().subject("u").expirationTime(Date.from(Instant.now().plusSeconds(60))).build();
        assertThat(status(hs256(noTenant, TestSecrets.JWT_SECRET), "/v1/sessions/x")).isEqualTo(401);
    }
}
