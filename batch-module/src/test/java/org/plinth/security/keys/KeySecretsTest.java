package org.plinth.security.keys;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class KeySecretsTest {

    @Test
    void keysAreMarkedRandomAndHaveNoDot() {
        String a = KeySecrets.generate();
        String b = KeySecrets.generate();
        assertNotEquals(a, b);
        assertTrue(a.startsWith("plk_"));
        assertEquals(4 + 43, a.length());
        assertFalse(a.contains("."), "a dot would make the filter take it for a JWT");
        assertTrue(KeySecrets.looksLikePersonalKey(a));
        assertFalse(KeySecrets.looksLikePersonalKey("abc"));
        assertFalse(KeySecrets.looksLikePersonalKey("plk_" + "x".repeat(200)));
    }

    @Test
    void thePrefixIsShortAndTheDigestIsHexSha256() {
        String key = KeySecrets.generate();
        assertEquals(12, KeySecrets.prefix(key).length());
        assertTrue(key.startsWith(KeySecrets.prefix(key)));
        assertEquals("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", KeySecrets.digest("abc"));
        assertTrue(KeySecrets.sameDigest(KeySecrets.digest(key), KeySecrets.digest(key)));
        assertFalse(KeySecrets.sameDigest(KeySecrets.digest(key), KeySecrets.digest("abc")));
    }
}
