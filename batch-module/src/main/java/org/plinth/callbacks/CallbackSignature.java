package org.plinth.callbacks;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The {@code X-Plinth-Signature} header: {@code sha256=} and the hex HMAC-SHA256 of the exact
 * body bytes under the job owner's callback secret (as GitHub's X-Hub-Signature-256), so a
 * receiver recomputes it over the bytes it read, before parsing them.
 */
public final class CallbackSignature {

    public static final String HEADER = "X-Plinth-Signature";

    private CallbackSignature() {
    }

    public static String of(String secret, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return "sha256=" + HexFormat.of().formatHex(mac.doFinal(body));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }
}
