package org.plinth.web.security;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.IOException;
import java.io.StringReader;
import java.math.BigInteger;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.spec.RSAPublicKeySpec;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.Config;
import org.plinth.api.Jsons;

/**
 * The issuer's signing keys from its JWKS ({@code mp.jwt.verify.publickey.location}), by
 * {@code kid}. Fetched on first use, again every {@link #MAX_AGE}, and at once when a token names
 * a {@code kid} we do not know (the issuer rotated its keys) — at most every {@link #MIN_REFETCH},
 * so a stream of forged kids cannot make us hammer the issuer. Only RSA signing keys count: the
 * Keycloak JWKS also lists an RSA-OAEP encryption key.
 */
@ApplicationScoped
public class IssuerKeys {

    private static final Logger LOG = Logger.getLogger(IssuerKeys.class.getName());
    static final Duration MAX_AGE = Duration.ofMinutes(10);
    static final Duration MIN_REFETCH = Duration.ofSeconds(10);

    @Inject
    Config config;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
            .followRedirects(HttpClient.Redirect.NORMAL).build();
    private Map<String, PublicKey> keys = Map.of();
    private long fetchedAt = Long.MIN_VALUE / 2;

    public synchronized Optional<PublicKey> key(String kid) {
        long now = System.nanoTime();
        boolean stale = now - fetchedAt > MAX_AGE.toNanos();
        boolean unknown = !keys.containsKey(kid) && now - fetchedAt > MIN_REFETCH.toNanos();
        if (stale || unknown) {
            fetch();
            fetchedAt = now;
        }
        return Optional.ofNullable(keys.get(kid));
    }

    private void fetch() {
        String location = config.getOptionalValue("mp.jwt.verify.publickey.location", String.class).orElse("");
        if (location.isBlank()) {
            LOG.warning("mp.jwt.verify.publickey.location is not set: no token can be verified");
            return;
        }
        try {
            keys = parse(read(location));
        } catch (IOException | RuntimeException e) {
            // keep the keys we had: an issuer that is briefly away must not log everybody out
            LOG.warning(() -> "cannot read the issuer's keys from " + location + ": " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private String read(String location) throws IOException, InterruptedException {
        URI uri = URI.create(location);
        if ("file".equals(uri.getScheme())) {
            return Files.readString(Path.of(uri));
        }
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new IOException("HTTP " + r.statusCode());
        }
        return r.body();
    }

    static Map<String, PublicKey> parse(String jwks) {
        Map<String, PublicKey> found = new HashMap<>();
        JsonObject root;
        try (var reader = Jsons.createReader(new StringReader(jwks))) {
            root = reader.readObject();
        }
        for (JsonValue value : root.getJsonArray("keys")) {
            JsonObject jwk = value.asJsonObject();
            if (!"RSA".equals(JwtVerifier.string(jwk, "kty")) || "enc".equals(JwtVerifier.string(jwk, "use"))) {
                continue;
            }
            try {
                BigInteger n = new BigInteger(1, Base64.getUrlDecoder().decode(jwk.getString("n")));
                BigInteger e = new BigInteger(1, Base64.getUrlDecoder().decode(jwk.getString("e")));
                found.put(JwtVerifier.string(jwk, "kid"), KeyFactory.getInstance("RSA").generatePublic(new RSAPublicKeySpec(n, e)));
            } catch (GeneralSecurityException | RuntimeException e) {
                LOG.warning(() -> "skipping an unreadable key in the JWKS: " + e);
            }
        }
        return Map.copyOf(found);
    }
}
