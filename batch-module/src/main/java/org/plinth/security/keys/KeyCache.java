package org.plinth.security.keys;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Recently used keys by digest, so most requests authenticate without a query. An entry lives
 * {@code ttlMillis}: a key revoked on this instance is dropped at once ({@link #forget}); one
 * revoked on another instance stops working here within the TTL. Unknown digests are never
 * cached, so a flood of made-up keys cannot fill it. A revoked key's id is also remembered for a
 * while: a check that read the row just before the revocation committed cannot put it back.
 */
final class KeyCache {

    private record Entry(UsableKey key, long loadedAt) {
    }

    private final long ttlMillis;
    private final int maxEntries;
    private final Map<String, Entry> entries = new ConcurrentHashMap<>();
    /** Ids revoked on this instance, with when; kept well beyond any transaction's length. */
    private final Map<String, Long> revoked = new ConcurrentHashMap<>();
    private static final long REVOKED_KEPT_MILLIS = 10 * 60_000L;

    KeyCache(long ttlMillis, int maxEntries) {
        this.ttlMillis = ttlMillis;
        this.maxEntries = maxEntries;
    }

    Optional<UsableKey> get(String hash, long nowMillis) {
        Entry e = entries.get(hash);
        if (e == null) {
            return Optional.empty();
        }
        if (nowMillis - e.loadedAt() >= ttlMillis) {
            entries.remove(hash, e);
            return Optional.empty();
        }
        return Optional.of(e.key());
    }

    /** Whether this key was revoked here lately (the database may not say so yet to a reader). */
    boolean isRevoked(String keyId) {
        return revoked.containsKey(keyId);
    }

    void put(UsableKey key, long nowMillis) {
        if (ttlMillis <= 0 || isRevoked(key.id())) {
            return;
        }
        if (entries.size() >= maxEntries) {
            entries.clear(); // cheaper than LRU bookkeeping on every request; refills from the index
        }
        entries.put(key.hash(), new Entry(key, nowMillis));
    }

    void forget(String keyId, long nowMillis) {
        if (revoked.size() > 1000) {
            revoked.values().removeIf(at -> nowMillis - at > REVOKED_KEPT_MILLIS);
        }
        revoked.put(keyId, nowMillis);
        entries.values().removeIf(e -> e.key().id().equals(keyId));
    }

    int size() {
        return entries.size();
    }
}
