package org.plinth.web.security;

import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.Signature;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.plinth.api.Jsons;

/**
 * Checks a signed JWT (JWS compact form) the way MicroProfile JWT specifies: RS256 signature by
 * one of the issuer's keys (picked by {@code kid}), then {@code iss}, {@code aud}, {@code exp}
 * and {@code iat}/{@code nbf} with a clock leeway. Only the JDK's {@link Signature} does crypto.
 * The signature is checked before any claim is looked at, so a refusal for expiry (the only
 * one a client is told apart) never rests on claims an attacker wrote.
 */
final class JwtVerifier {

    private static final List<String> REQUIRED_CLAIMS = List.of("iss", "sub", "exp", "iat");

    /**
     * Either the verified claims or why the token was refused. {@code refusal} names exactly what
     * failed, for the server's log and the audit trail; the client is told only whether the token
     * {@code expired} (see {@link TokenCheck.Refused#clientDescription()}).
     */
    record Result(Optional<JsonObject> claims, String refusal, boolean expired) {
        static Result refused(String reason) {
            return new Result(Optional.empty(), reason, false);
        }
    }

    private JwtVerifier() {
    }

    /** @param keys the issuer's public key with a given kid, fetched again by the caller if it is new */
    static Result verify(String token, TokenExpectations expected, Function<String, Optional<PublicKey>> keys, Instant now) {
        String[] parts = token.split("\\.", -1);
        if (parts.length != 3) {
            return Result.refused("the token is not a well-formed JWT");
        }
        JsonObject header;
        try {
            header = decode(parts[0]);
        } catch (RuntimeException e) {
            return Result.refused("the token is not a well-formed JWT");
        }
        // RS256 only: Keycloak's default, and it rules out "none" and HMAC-with-the-public-key tricks
        if (!"RS256".equals(string(header, "alg"))) {
            return Result.refused("the token's signing algorithm is not accepted (RS256 only)");
        }
        byte[] signature;
        try {
            signature = Base64.getUrlDecoder().decode(parts[2]);
        } catch (RuntimeException e) {
            return Result.refused("the token is not a well-formed JWT");
        }
        Optional<PublicKey> key = keys.apply(string(header, "kid"));
        if (key.isEmpty()) {
            return Result.refused("the token is not signed by a key of the issuer");
        }
        if (!signatureMatches(key.get(), parts[0] + "." + parts[1], signature)) {
            return Result.refused("the token's signature does not verify");
        }
        JsonObject claims;
        try {
            claims = decode(parts[1]);
        } catch (RuntimeException e) {
            return Result.refused("the token is not a well-formed JWT");
        }
        for (String claim : REQUIRED_CLAIMS) {
            if (!claims.containsKey(claim)) {
                return Result.refused("the token lacks the claim '" + claim + "'");
            }
        }
        if (!expected.issuer().equals(string(claims, "iss"))) {
            return Result.refused("the token is from another issuer than " + expected.issuer());
        }
        if (!expected.audiences().isEmpty() && expected.audiences().stream().noneMatch(audience(claims)::contains)) {
            return Result.refused("the token is not meant for this API (audience " + String.join(", ", expected.audiences()) + ")");
        }
        long skew = expected.clockSkew().toSeconds();
        long nowSeconds = now.getEpochSecond();
        if (number(claims, "exp") + skew <= nowSeconds) {
            // reached only with a good signature, issuer and audience: "expired" tells nothing to
            // someone who does not hold a genuine token, and its holder needs it to renew
            return new Result(Optional.empty(), "the token has expired", true);
        }
        if (number(claims, "iat") - skew > nowSeconds
                || (claims.containsKey("nbf") && number(claims, "nbf") - skew > nowSeconds)) {
            return Result.refused("the token is not valid yet");
        }
        return new Result(Optional.of(claims), null, false);
    }

    private static boolean signatureMatches(PublicKey key, String signedPart, byte[] signature) {
        try {
            Signature rs256 = Signature.getInstance("SHA256withRSA");
            rs256.initVerify(key);
            rs256.update(signedPart.getBytes(StandardCharsets.US_ASCII));
            return rs256.verify(signature);
        } catch (GeneralSecurityException | RuntimeException e) {
            return false;
        }
    }

    private static JsonObject decode(String part) {
        String json = new String(Base64.getUrlDecoder().decode(part), StandardCharsets.UTF_8);
        try (var reader = Jsons.createReader(new StringReader(json))) {
            return reader.readObject();
        }
    }

    static String string(JsonObject object, String name) {
        return object.get(name) instanceof JsonString s ? s.getString() : "";
    }

    private static long number(JsonObject object, String name) {
        return object.get(name) instanceof JsonNumber n ? n.longValue() : 0;
    }

    /** {@code aud} is a string or an array of strings (Keycloak sends a string for one audience). */
    static List<String> audience(JsonObject claims) {
        return strings(claims.get("aud"));
    }

    static List<String> strings(JsonValue value) {
        if (value instanceof JsonString s) {
            return List.of(s.getString());
        }
        if (value != null && value.getValueType() == JsonValue.ValueType.ARRAY) {
            return value.asJsonArray().stream().filter(JsonString.class::isInstance)
                    .map(v -> ((JsonString) v).getString()).toList();
        }
        return List.of();
    }
}
