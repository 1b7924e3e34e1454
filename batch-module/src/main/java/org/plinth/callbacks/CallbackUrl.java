package org.plinth.callbacks;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Optional;

/**
 * What a job's callback URL may be: absolute http or https with a host, no user name or
 * password in it (they would be stored and shown with the job; a receiver checks the signature
 * instead), no fragment, at most 2000 characters. Where it points is checked at delivery
 * ({@link CallbackSender}), when the name is resolved.
 */
public final class CallbackUrl {

    public static final int MAX_LENGTH = 2000;

    private CallbackUrl() {
    }

    /** Why the URL is refused, or empty when it is fine. */
    public static Optional<String> problem(String url) {
        if (url == null || url.isBlank()) {
            return Optional.of("must be an http or https URL");
        }
        if (url.length() > MAX_LENGTH) {
            return Optional.of("must be at most " + MAX_LENGTH + " characters");
        }
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            return Optional.of("is not a valid URL: " + e.getReason());
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            return Optional.of("must be an http or https URL");
        }
        if (uri.getRawUserInfo() != null) {
            return Optional.of("must not carry a user name or password; verify the X-Plinth-Signature header instead");
        }
        if (uri.getHost() == null || uri.getHost().isBlank()) {
            return Optional.of("must name a host");
        }
        if (uri.getRawFragment() != null) {
            return Optional.of("must not have a fragment (#…)");
        }
        return Optional.empty();
    }
}
