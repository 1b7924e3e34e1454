package org.plinth.web.security;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.Config;
import org.plinth.security.Caller;

/**
 * The static API keys from configuration: the admin key ({@code plinth.api-key}, user
 * {@code admin}) and further keys for development and tests, one property per user:
 * {@code plinth.keys.<user>=<key>:<role>[,<role>…]} (environment: {@code PLINTH_KEYS_<USER>}).
 * Keys are kept only as SHA-256 digests and compared in constant time.
 */
@ApplicationScoped
public class ApiKeys {

    private static final Logger LOG = Logger.getLogger(ApiKeys.class.getName());
    static final String ADMIN_USER = "admin";

    @Inject
    Config config;

    /** A configured key, kept only as its digest. */
    private record StoredKey(byte[] digest, Caller caller) {
    }

    private volatile List<StoredKey> stored;

    public Optional<Caller> find(String key) {
        if (key == null || key.isEmpty() || key.length() > 512) {
            return Optional.empty();
        }
        byte[] digest = digest(key);
        for (StoredKey k : keys()) {
            if (MessageDigest.isEqual(k.digest(), digest)) {
                return Optional.of(k.caller());
            }
        }
        return Optional.empty();
    }

    private List<StoredKey> keys() {
        List<StoredKey> keys = stored;
        if (keys == null) {
            keys = load();
            stored = keys;
        }
        return keys;
    }

    private List<StoredKey> load() {
        Map<String, Caller> keys = new HashMap<>();
        config.getOptionalValue("plinth.api-key", String.class).filter(k -> !k.isBlank()).ifPresentOrElse(
                k -> keys.put(hex(k), new Caller(ADMIN_USER, Set.of(Caller.ADMIN, Caller.USER))),
                () -> LOG.warning("plinth.api-key is not set: no admin key"));
        for (String property : config.getPropertyNames()) {
            String user = null;
            if (property.startsWith("plinth.keys.")) {
                user = property.substring("plinth.keys.".length());
            } else if (property.startsWith("PLINTH_KEYS_")) {
                user = property.substring("PLINTH_KEYS_".length()).toLowerCase(Locale.ROOT);
            }
            if (user == null || user.isEmpty()) {
                continue;
            }
            String value = config.getOptionalValue(property, String.class).orElse("");
            int colon = value.lastIndexOf(':');
            String key = colon < 0 ? value : value.substring(0, colon);
            Set<String> roles = colon < 0 ? Set.of(Caller.USER) : Set.of(value.substring(colon + 1).split("\\s*,\\s*"));
            if (key.length() < 16) {
                LOG.warning("ignoring the key of " + user + ": shorter than 16 characters");
                continue;
            }
            keys.put(hex(key), new Caller(user, roles));
        }
        return keys.entrySet().stream()
                .map(e -> new StoredKey(java.util.HexFormat.of().parseHex(e.getKey()), e.getValue())).toList();
    }

    private static byte[] digest(String key) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String hex(String key) {
        return java.util.HexFormat.of().formatHex(digest(key));
    }
}
