package org.plinth.web.security;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HashMap;
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

    private volatile Map<String, Caller> byDigest;

    public Optional<Caller> find(String key) {
        if (key == null || key.isEmpty() || key.length() > 512) {
            return Optional.empty();
        }
        byte[] digest = digest(key);
        for (Map.Entry<String, Caller> e : keys().entrySet()) {
            if (MessageDigest.isEqual(java.util.HexFormat.of().parseHex(e.getKey()), digest)) {
                return Optional.of(e.getValue());
            }
        }
        return Optional.empty();
    }

    private Map<String, Caller> keys() {
        Map<String, Caller> keys = byDigest;
        if (keys == null) {
            keys = load();
            byDigest = keys;
        }
        return keys;
    }

    private Map<String, Caller> load() {
        Map<String, Caller> keys = new HashMap<>();
        config.getOptionalValue("plinth.api-key", String.class).filter(k -> !k.isBlank()).ifPresentOrElse(
                k -> keys.put(hex(k), new Caller(ADMIN_USER, Set.of(Caller.ADMIN, Caller.USER), false)),
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
            keys.put(hex(key), new Caller(user, roles, false));
        }
        return Map.copyOf(keys);
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
