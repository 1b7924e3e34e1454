package org.plinth.security.keys;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.plinth.security.Caller;

class KeyCacheTest {

    private static UsableKey key(String id, Instant expiresAt) {
        return new UsableKey(id, "hash-" + id, new Caller("alice", Set.of("user")), false, expiresAt);
    }

    @Test
    void anEntryLivesForTheTtl() {
        KeyCache cache = new KeyCache(1000, 10);
        cache.put(key("1", null), 0);
        assertTrue(cache.get("hash-1", 999).isPresent());
        assertFalse(cache.get("hash-1", 1000).isPresent());
    }

    @Test
    void aRevokedKeyIsGoneAtOnceAndCannotComeBack() {
        KeyCache cache = new KeyCache(60_000, 10);
        cache.put(key("1", null), 0);
        cache.forget("1", 5);
        assertFalse(cache.get("hash-1", 6).isPresent());
        // a check that read the row before the revocation committed
        cache.put(key("1", null), 7);
        assertFalse(cache.get("hash-1", 8).isPresent());
        assertTrue(cache.isRevoked("1"));
    }

    @Test
    void itNeverHoldsMoreThanItsBound() {
        KeyCache cache = new KeyCache(60_000, 3);
        for (int i = 0; i < 10; i++) {
            cache.put(key(Integer.toString(i), null), i);
        }
        assertTrue(cache.size() <= 3);
    }

    @Test
    void expiryIsJudgedOnEveryCheckNotAtCaching() {
        UsableKey k = key("1", Instant.parse("2030-01-01T00:00:00Z"));
        assertInstanceOf(KeyCheck.Valid.class, k.check(Instant.parse("2029-12-31T23:59:59Z")));
        KeyCheck expired = k.check(Instant.parse("2030-01-01T00:00:00Z"));
        assertEquals(new KeyCheck.Expired(Instant.parse("2030-01-01T00:00:00Z")), expired);
    }
}
