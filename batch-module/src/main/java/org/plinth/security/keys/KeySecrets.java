package org.plinth.security.keys;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

/**
 * Makes and digests personal keys: {@code plk_} and 256 random bits in URL-safe Base64 (no
 * dot, so the authentication filter never takes one for a JWT; the marker lets secret scanners
 * and our filter recognise a personal key). A key that random needs no salt or slow hash: its
 * SHA-256 cannot be reversed by guessing.
 */
public final class KeySecrets {

    public static final String MARKER = "plk_";
    /** How many characters of a key are kept in clear for recognition: the marker and 8 more. */
    static final int PREFIX_LENGTH = MARKER.length() + 8;
    /** Longer than any key we issue; longer values are not even digested. */
    static final int MAX_LENGTH = 100;

    private static final SecureRandom RANDOM = new SecureRandom();

    private KeySecrets() {
    }

    static String generate() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return MARKER + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** Whether the value has the shape of a personal key; others are not looked up at all. */
    public static boolean looksLikePersonalKey(String value) {
        return value != null && value.startsWith(MARKER) && value.length() <= MAX_LENGTH;
    }

    static String prefix(String key) {
        return key.substring(0, Math.min(PREFIX_LENGTH, key.length()));
    }

    static String digest(String key) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Constant-time comparison of two hex digests. */
    static boolean sameDigest(String a, String b) {
        return MessageDigest.isEqual(a.getBytes(StandardCharsets.US_ASCII), b.getBytes(StandardCharsets.US_ASCII));
    }
}
