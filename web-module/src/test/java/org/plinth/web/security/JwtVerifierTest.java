package org.plinth.web.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.security.Signature;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class JwtVerifierTest {

    private static final Instant NOW = Instant.ofEpochSecond(1_800_000_000L);
    private static final TokenExpectations EXPECTED =
            new TokenExpectations("http://kc/realms/plinth", List.of("plinth-api"), Duration.ofSeconds(5));
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
    private static final KeyPair KEY = rsa();
    private static final Function<String, Optional<PublicKey>> KEYS =
            kid -> "k1".equals(kid) ? Optional.of(KEY.getPublic()) : Optional.empty();

    private static KeyPair rsa() {
        try {
            return KeyPairGenerator.getInstance("RSA").generateKeyPair();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String sign(String header, String claims, KeyPair key) throws Exception {
        String signed = B64.encodeToString(header.getBytes(StandardCharsets.UTF_8)) + "."
                + B64.encodeToString(claims.getBytes(StandardCharsets.UTF_8));
        Signature s = Signature.getInstance("SHA256withRSA");
        s.initSign(key.getPrivate());
        s.update(signed.getBytes(StandardCharsets.US_ASCII));
        return signed + "." + B64.encodeToString(s.sign());
    }

    private static String claims(String iss, String aud, long exp) {
        return "{\"iss\":\"" + iss + "\",\"aud\":" + aud + ",\"sub\":\"s\",\"iat\":" + (NOW.getEpochSecond() - 10)
                + ",\"exp\":" + exp + ",\"preferred_username\":\"alice\",\"groups\":[\"user\"]}";
    }

    private static final String RS256 = "{\"alg\":\"RS256\",\"typ\":\"JWT\",\"kid\":\"k1\"}";
    private static final long LATER = NOW.getEpochSecond() + 300;

    private static String refusal(String token) {
        return JwtVerifier.verify(token, EXPECTED, KEYS, NOW).refusal();
    }

    /** What the client is told: the 401's detail and error_description. */
    private static String told(String token) {
        JwtVerifier.Result r = JwtVerifier.verify(token, EXPECTED, KEYS, NOW);
        assertTrue(r.claims().isEmpty(), "refused");
        return new TokenCheck.Refused(r.refusal(), r.expired()).clientDescription();
    }

    @Test
    void acceptsAGoodToken() throws Exception {
        var result = JwtVerifier.verify(sign(RS256, claims(EXPECTED.issuer(), "[\"x\",\"plinth-api\"]", LATER), KEY),
                EXPECTED, KEYS, NOW);
        assertEquals("alice", result.claims().orElseThrow().getString("preferred_username"));
    }

    /** The precise reason is for the server's log (FINE) and the audit trail. */
    @Test
    void namesWhatIsWrongForTheLog() throws Exception {
        assertEquals("the token has expired",
                refusal(sign(RS256, claims(EXPECTED.issuer(), "\"plinth-api\"", NOW.getEpochSecond() - 6), KEY)));
        assertTrue(refusal(sign(RS256, claims("http://other", "\"plinth-api\"", LATER), KEY)).contains("another issuer"));
        assertTrue(refusal(sign(RS256, claims(EXPECTED.issuer(), "\"account\"", LATER), KEY)).contains("audience"));
        assertTrue(refusal(sign(RS256, "{\"iss\":\"" + EXPECTED.issuer() + "\"}", KEY)).contains("lacks"));
        assertEquals("the token is not a well-formed JWT", refusal("a.b.c"));
        assertEquals("the token is not a well-formed JWT", refusal("a.b"));
    }

    @Test
    void refusesForgedTamperedAndUnsignedTokens() throws Exception {
        String good = claims(EXPECTED.issuer(), "\"plinth-api\"", LATER);
        assertEquals("the token's signature does not verify", refusal(sign(RS256, good, rsa())));
        String[] parts = sign(RS256, good, KEY).split("\\.");
        String tampered = B64.encodeToString(good.replace("alice", "admin1").getBytes(StandardCharsets.UTF_8));
        assertEquals("the token's signature does not verify", refusal(parts[0] + "." + tampered + "." + parts[2]));
        String none = B64.encodeToString("{\"alg\":\"none\"}".getBytes(StandardCharsets.UTF_8));
        assertTrue(refusal(none + "." + parts[1] + ".").contains("algorithm"));
        String hs256 = B64.encodeToString("{\"alg\":\"HS256\",\"kid\":\"k1\"}".getBytes(StandardCharsets.UTF_8));
        assertTrue(refusal(hs256 + "." + parts[1] + "." + parts[2]).contains("algorithm"));
        assertTrue(refusal(sign("{\"alg\":\"RS256\",\"kid\":\"k2\"}", good, KEY)).contains("not signed by a key of the issuer"));
    }

    @Test
    void tellsTheClientOnlyThatAGenuineTokenExpired() throws Exception {
        String good = claims(EXPECTED.issuer(), "\"plinth-api\"", LATER);
        String expired = claims(EXPECTED.issuer(), "\"plinth-api\"", NOW.getEpochSecond() - 6);
        assertEquals("the token has expired", told(sign(RS256, expired, KEY)));
        String[] parts = sign(RS256, good, KEY).split("\\.");
        String none = B64.encodeToString("{\"alg\":\"none\"}".getBytes(StandardCharsets.UTF_8));
        long future = NOW.getEpochSecond() + 100;
        List<String> bad = List.of(
                sign(RS256, claims("http://other", "\"plinth-api\"", LATER), KEY),
                sign(RS256, claims(EXPECTED.issuer(), "\"account\"", LATER), KEY),
                sign(RS256, good, rsa()),
                parts[0] + "." + B64.encodeToString(good.replace("alice", "admin1").getBytes(StandardCharsets.UTF_8)) + "." + parts[2],
                none + "." + parts[1] + ".",
                sign("{\"alg\":\"RS256\",\"kid\":\"k2\"}", good, KEY),
                sign(RS256, good.replace("\"iat\":" + (NOW.getEpochSecond() - 10), "\"iat\":" + future), KEY),
                sign(RS256, "{\"iss\":\"" + EXPECTED.issuer() + "\"}", KEY),
                "a.b.c");
        assertEquals("the token is not valid yet", refusal(bad.get(6)), "the not-yet-valid case is one");
        for (String token : bad) {
            assertEquals("invalid token", told(token), token);
        }
        // an expired token that is forged, or from another issuer, is not told "expired": the
        // signature and issuer come first, so "expired" is said only to a genuine token's holder
        assertEquals("invalid token", told(sign(RS256, expired, rsa())));
        assertEquals("invalid token", told(sign(RS256, claims("http://other", "\"plinth-api\"", NOW.getEpochSecond() - 6), KEY)));
    }

    @Test
    void allowsTheClockSkew() throws Exception {
        String almost = sign(RS256, claims(EXPECTED.issuer(), "\"plinth-api\"", NOW.getEpochSecond() - 4), KEY);
        assertTrue(JwtVerifier.verify(almost, EXPECTED, KEYS, NOW).claims().isPresent());
    }

    @Test
    void readsOnlyRsaSigningKeysFromAJwks() {
        RSAPublicKey pub = (RSAPublicKey) KEY.getPublic();
        String n = B64.encodeToString(pub.getModulus().toByteArray());
        String e = B64.encodeToString(pub.getPublicExponent().toByteArray());
        String jwks = "{\"keys\":[{\"kid\":\"sig\",\"kty\":\"RSA\",\"use\":\"sig\",\"n\":\"" + n + "\",\"e\":\"" + e + "\"},"
                + "{\"kid\":\"enc\",\"kty\":\"RSA\",\"use\":\"enc\",\"n\":\"" + n + "\",\"e\":\"" + e + "\"},"
                + "{\"kid\":\"ec\",\"kty\":\"EC\",\"crv\":\"P-256\",\"x\":\"AA\",\"y\":\"AA\"}]}";
        Map<String, PublicKey> keys = IssuerKeys.parse(jwks);
        assertEquals(Map.of("sig", KEY.getPublic()), keys);
    }

    @Test
    void apiKeysAreNotJwts() {
        assertTrue(Credential.looksLikeJwt("aaa.bbb.ccc"));
        assertFalse(Credential.looksLikeJwt("dGhpcyBpcyBhIGtleQ_-x"));
        assertFalse(Credential.looksLikeJwt("a..c"));
        assertFalse(Credential.looksLikeJwt("a.b.c.d.e"));
        assertFalse(Credential.looksLikeJwt(".b.c"));
        assertFalse(Credential.looksLikeJwt("a.b."));
    }
}
