package org.plinth.downloads;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import java.util.Set;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.eclipse.microprofile.config.Config;
import org.plinth.api.Jsons;
import org.plinth.jobs.JsonText;
import org.plinth.security.Caller;
import org.plinth.security.ServerSecrets;

/**
 * Short-lived links to one job output (or a job's archive) that a browser can follow without a
 * header: {@code <a href download>} and {@code <img src>} cannot send the API key or token, and
 * fetching a large file into a blob would hold it whole in the tab's memory. A link names who
 * asked, their roles, the job, the path and when it expires, signed with HMAC-SHA256 under a key
 * every server instance shares ({@link ServerSecrets}); nothing is stored per link. Following
 * one checks the signature and the expiry, then the job's access rule again for that user.
 */
@ApplicationScoped
public class DownloadLinks {

    private static final String SECRET = "download-links";
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder B64D = Base64.getUrlDecoder();

    /** A link as issued: the token for {@code /api/v1/downloads/{token}} and its expiry. */
    public record Link(String token, Instant expiresAt) {
    }

    /** What a valid token grants: {@code path} null means the job's whole archive. */
    public record Grant(Caller caller, String jobId, String path, Instant expiresAt) {
    }

    /** Why a token is refused: forged or garbled (NONE), or genuine but past its time (EXPIRED). */
    public enum Refusal { NONE, EXPIRED }

    public static final class Refused extends Exception {
        private final Refusal why;

        Refused(Refusal why) {
            super(why.name(), null, false, false);
            this.why = why;
        }

        public Refusal why() {
            return why;
        }
    }

    @Inject
    ServerSecrets secrets;
    @Inject
    Config config;

    public Link issue(Caller caller, String jobId, String path) {
        long seconds = config.getOptionalValue("plinth.downloads.link-seconds", Long.class).orElse(300L);
        return issue(caller, jobId, path, Instant.now().plusSeconds(Math.max(1, seconds)));
    }

    Link issue(Caller caller, String jobId, String path, Instant expires) {
        var claims = Jsons.createObjectBuilder().add("u", caller.name())
                .add("r", Jsons.createArrayBuilder(caller.roles().stream().sorted().toList()))
                .add("j", jobId).add("e", expires.getEpochSecond());
        if (path != null) {
            claims.add("p", path);
        }
        String body = B64.encodeToString(claims.build().toString().getBytes(StandardCharsets.UTF_8));
        return new Link(body + "." + B64.encodeToString(sign(body)), expires);
    }

    public Grant verify(String token) throws Refused {
        int dot = token == null ? -1 : token.indexOf('.');
        if (dot <= 0 || token.length() > 4096) {
            throw new Refused(Refusal.NONE);
        }
        String body = token.substring(0, dot);
        byte[] given;
        JsonObject claims;
        try {
            given = B64D.decode(token.substring(dot + 1));
            if (!MessageDigest.isEqual(sign(body), given)) {
                throw new Refused(Refusal.NONE);
            }
            claims = JsonText.parseObject(new String(B64D.decode(body), StandardCharsets.UTF_8));
        } catch (IllegalArgumentException | ClassCastException e) {
            throw new Refused(Refusal.NONE);
        }
        try {
            Instant expires = Instant.ofEpochSecond(claims.getJsonNumber("e").longValueExact());
            if (Instant.now().isAfter(expires)) {
                throw new Refused(Refusal.EXPIRED);
            }
            Set<String> roles = Set.copyOf(claims.getJsonArray("r").getValuesAs(jakarta.json.JsonString.class).stream()
                    .map(jakarta.json.JsonString::getString).toList());
            return new Grant(new Caller(claims.getString("u"), roles), claims.getString("j"),
                    Optional.ofNullable(claims.get("p")).map(v -> ((jakarta.json.JsonString) v).getString()).orElse(null),
                    expires);
        } catch (RuntimeException e) {
            throw new Refused(Refusal.NONE); // signed by us, so never expected: refuse rather than fail
        }
    }

    private byte[] sign(String body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secrets.of(SECRET), "HmacSHA256"));
            return mac.doFinal(body.getBytes(StandardCharsets.US_ASCII));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is missing from this JDK", e);
        }
    }
}
