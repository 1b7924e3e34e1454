package org.plinth.server;

import java.security.SecureRandom;
import java.util.Base64;

/** Generates API keys: 32 random bytes (256 bits), URL-safe Base64 without padding (43 chars). */
public final class ApiKeyGenerator {

    private static final SecureRandom RANDOM = new SecureRandom();

    private ApiKeyGenerator() {
    }

    public static String generate() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
