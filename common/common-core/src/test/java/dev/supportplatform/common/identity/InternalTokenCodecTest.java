package dev.supportplatform.common.identity;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class InternalTokenCodecTest {

    private static final String SECRET = "a-test-secret-of-at-least-32-bytes-0123456789";
    private static final Instant T0 = Instant.parse("2026-01-12T15:30:00Z");
    private static final Identity ALICE = new Identity("tenant-a", "key-1", Set.of(Scopes.CHAT, Scopes.READ), "api_key");

    private static InternalTokenCodec codecAt(Instant now) {
        return new InternalTokenCodec(SECRET, Duration.ofSeconds(60), Clock.fixed(now, ZoneOffset.UTC));
    }

    @Test
    void aSignedTokenVerifiesToTheSameIdentity() {
        String token = codecAt(T0).sign(ALICE);
        assertThat(codecAt(T0.plusSeconds(30)).verify(token)).isEqualTo(ALICE);
    }

    @Test
    void anExpiredTokenIsRefused() {
        String token = codecAt(T0).sign(ALICE);
        assertThat(codecAt(T0.plusSeconds(59)).verify(token)).isEqualTo(ALICE);
        assertThatThrownBy(() -> codecAt(T0.plusSeconds(60 + 6)).verify(token))
                .isInstanceOf(InvalidTokenException.class).hasMessage("token expired");
    }

    @Test
    void aTokenSignedWithAnotherSecretIsRefused() {
        String forged = new InternalTokenCodec("another-secret-of-at-least-32-bytes-xxxxxxx", Duration.ofSeconds(60),
                Clock.fixed(T0, ZoneOffset.UTC)).sign(ALICE);
        assertThatThrownBy(() -> codecAt(T0).verify(forged))
                .isInstanceOf(InvalidTokenException.class).hasMessage("bad token signature");
    }

    @Test
    void anUnsignedAlgNoneTokenIsRefused() {
        PlainJWT unsigned = new PlainJWT(claims(T0, InternalTokenCodec.AUDIENCE));
        assertThatThrownBy(() -> codecAt(T0).verify(unsigned.serialize())).isInstanceOf(InvalidTokenException.class);

        // A valid token whose header is rewritten to alg none, signature kept or dropped.
        String[] parts = codecAt(T0).sign(ALICE).split("\\.");
        String noneHeader = base64Url("{\"alg\":\"none\",\"typ\":\"JWT\"}");
        assertThatThrownBy(() -> codecAt(T0).verify(noneHeader + "." + parts[1] + "." + parts[2])).isInstanceOf(InvalidTokenException.class);
        assertThatThrownBy(() -> codecAt(T0).verify(noneHeader + "." + parts[1] + ".")).isInstanceOf(InvalidTokenException.class);
    }

    @Test
    void aTokenWithATamperedPayloadIsRefused() {
        String[] parts = codecAt(T0).sign(ALICE).split("\\.");
        String payload = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8);
        assertThat(payload).contains("\"tid\":\"tenant-a\"");
        String tampered = base64Url(payload.replace("\"tid\":\"tenant-a\"", "\"tid\":\"tenant-b\""));
        assertThatThrownBy(() -> codecAt(T0).verify(parts[0] + "." + tampered + "." + parts[2]))
                .isInstanceOf(InvalidTokenException.class).hasMessage("bad token signature");
    }

    @Test
    void aTokenSignedWithTheSecretButAnotherAlgorithmIsRefused() throws Exception {
        String longSecret = SECRET + SECRET; // HS512 needs 64 bytes
        SignedJWT hs512 = new SignedJWT(new JWSHeader(JWSAlgorithm.HS512), claims(T0, InternalTokenCodec.AUDIENCE));
        hs512.sign(new MACSigner(longSecret.getBytes(StandardCharsets.UTF_8)));
        InternalTokenCodec codec = new InternalTokenCodec(longSecret, Duration.ofSeconds(60), Clock.fixed(T0, ZoneOffset.UTC));
        assertThatThrownBy(() -> codec.verify(hs512.serialize()))
                .isInstanceOf(InvalidTokenException.class).hasMessage("unexpected token algorithm");
    }

    @Test
    void aTokenForAnotherAudienceIsRefused() throws Exception {
        SignedJWT other = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims(T0, "some-other-system"));
        other.sign(new MACSigner(SECRET.getBytes(StandardCharsets.UTF_8)));
        assertThatThrownBy(() -> codecAt(T0).verify(other.serialize()))
                .isInstanceOf(InvalidTokenException.class).hasMessage("token not issued for the platform's services");
    }

    @Test
    void missingAndGarbageTokensAreRefused() {
        assertThatThrownBy(() -> codecAt(T0).verify(null)).isInstanceOf(InvalidTokenException.class);
        assertThatThrownBy(() -> codecAt(T0).verify(" ")).isInstanceOf(InvalidTokenException.class);
        assertThatThrownBy(() -> codecAt(T0).verify("not-a-jwt")).isInstanceOf(InvalidTokenException.class);
    }

    @Test
    void aSecretShorterThan32BytesIsRejected() {
        assertThatThrownBy(() -> new InternalTokenCodec("too-short", Duration.ofSeconds(60)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("INTERNAL_TOKEN_SECRET");
    }

    private static JWTClaimsSet claims(Instant now, String audience) {
        return new JWTClaimsSet.Builder()
                .issuer(InternalTokenCodec.ISSUER)
                .audience(audience)
                .subject("key-1")
                .claim("tid", "tenant-a")
                .claim("scp", List.of(Scopes.CHAT))
                .claim("crd", "api_key")
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plusSeconds(60)))
                .build();
    }

    private static String base64Url(String json) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }
}
