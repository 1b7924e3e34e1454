package org.plinth.security.keys;

import java.time.Instant;
import org.plinth.security.Caller;

/** What authentication needs of a key row, kept in {@link KeyCache}. */
record UsableKey(String id, String hash, Caller caller, boolean readOnly, Instant expiresAt) {

    static UsableKey of(ApiKey key) {
        return new UsableKey(key.id(), key.keyHash(), new Caller(key.owner(), key.roles()), key.readOnly(),
                key.expiresAt() == null ? null : key.expiresAt().toInstant());
    }

    KeyCheck check(Instant now) {
        if (expiresAt != null && !now.isBefore(expiresAt)) {
            return new KeyCheck.Expired(expiresAt);
        }
        return new KeyCheck.Valid(caller, readOnly, id);
    }
}
