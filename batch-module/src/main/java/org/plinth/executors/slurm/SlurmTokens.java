package org.plinth.executors.slurm;

import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.plinth.api.Jsons;

/**
 * The JWTs slurmrestd wants in X-SLURM-USER-TOKEN. Either minted here (HS256 over the cluster's
 * own key, claims {@code sun}, {@code iat}, {@code exp}, as {@code scontrol token} makes them),
 * one per cluster user and renewed at two thirds of their lifetime so that no request goes out
 * with a token about to expire; or one token from configuration that an admin replaces at run
 * time. Thread-safe. A token is a secret: nothing here logs or prints one.
 */
public final class SlurmTokens {

    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder B64D = Base64.getUrlDecoder();

    private final SlurmSettings.Auth auth;
    private final Clock clock;
    private final Map<String, Minted> minted = new ConcurrentHashMap<>();
    private volatile String given;

    private record Minted(String token, Instant renewAt, Instant expires) {
    }

    public SlurmTokens(SlurmSettings.Auth auth) {
        this(auth, Clock.systemUTC());
    }

    SlurmTokens(SlurmSettings.Auth auth, Clock clock) {
        this.auth = auth;
        this.clock = clock;
        this.given = auth.token();
    }

    /** Whether tokens are minted here (else one is given by configuration or an admin). */
    public boolean minting() {
        return auth.mode() == SlurmSettings.AuthMode.MINT;
    }

    /** A valid token for requests made as {@code user}. */
    public String tokenFor(String user) throws SlurmUnavailableException {
        if (!minting()) {
            return given;
        }
        Instant now = clock.instant();
        Minted m = minted.get(user);
        if (m == null || !now.isBefore(m.renewAt())) {
            m = mintFor(user, now);
        }
        return m.token();
    }

    private synchronized Minted mintFor(String user, Instant now) throws SlurmUnavailableException {
        Minted current = minted.get(user);
        if (current != null && now.isBefore(current.renewAt())) {
            return current; // another thread minted it meanwhile
        }
        byte[] key;
        try {
            // Read each time: minting is rare, and a rotated key is picked up without a restart.
            key = Files.readAllBytes(auth.keyFile());
        } catch (IOException e) {
            throw new SlurmUnavailableException("cannot read the SLURM JWT key " + auth.keyFile() + ": " + e);
        }
        Duration life = auth.tokenLifetime();
        Minted m = new Minted(mint(key, user, now, life), now.plus(life.multipliedBy(2).dividedBy(3)), now.plus(life));
        minted.put(user, m);
        return m;
    }

    /**
     * Forgets the token for {@code user}, so that the next request gets a fresh one: for when
     * slurmrestd refused a token we believed valid (a restarted controller, a rotated key).
     */
    public void renew(String user) {
        minted.remove(user);
    }

    /**
     * Uses this token from now on (auth=token): the admin's fix for an expired configured token.
     *
     * @throws IllegalStateException when tokens are minted here: a given one would be overwritten
     */
    public void replace(String token) {
        if (minting()) {
            throw new IllegalStateException("SLURM tokens are minted from the JWT key; there is no token to replace");
        }
        if (token == null || token.isBlank() || token.chars().filter(c -> c == '.').count() != 2) {
            throw new IllegalArgumentException("not a JWT");
        }
        given = token.trim();
    }

    /**
     * When the service user's token expires: the minted one's, or the {@code exp} claim of the
     * given one (read, not verified: Plinth does not hold that key). Empty before the first mint
     * or when the given token has no readable {@code exp}.
     */
    public Optional<Instant> expiresAt() {
        if (minting()) {
            return Optional.ofNullable(minted.get(auth.serviceUser())).map(Minted::expires);
        }
        return claims(given).map(c -> c.get("exp")).filter(JsonNumber.class::isInstance)
                .map(n -> Instant.ofEpochSecond(((JsonNumber) n).longValue()));
    }

    /** An HS256 JWT for {@code user} issued at {@code now}, as slurmctld's auth/jwt checks it. */
    public static String mint(byte[] key, String user, Instant now, Duration lifetime) {
        String header = Jsons.createObjectBuilder().add("alg", "HS256").add("typ", "JWT").build().toString();
        String payload = Jsons.createObjectBuilder()
                .add("exp", now.plus(lifetime).getEpochSecond())
                .add("iat", now.getEpochSecond())
                .add("sun", user)
                .build().toString();
        String signingInput = B64.encodeToString(header.getBytes(StandardCharsets.UTF_8)) + "."
                + B64.encodeToString(payload.getBytes(StandardCharsets.UTF_8));
        return signingInput + "." + B64.encodeToString(hmacSha256(key, signingInput));
    }

    static byte[] hmacSha256(byte[] key, String data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(data.getBytes(StandardCharsets.US_ASCII));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }

    /** The payload of a JWT, unverified. */
    static Optional<JsonObject> claims(String jwt) {
        if (jwt == null) {
            return Optional.empty();
        }
        String[] parts = jwt.split("\\.");
        if (parts.length != 3) {
            return Optional.empty();
        }
        try (var reader = Jsons.createReader(new StringReader(new String(B64D.decode(parts[1]), StandardCharsets.UTF_8)))) {
            return Optional.of(reader.readObject());
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }
}
