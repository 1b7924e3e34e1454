package org.plinth.security.keys;

import java.time.Instant;
import java.util.Set;

/**
 * A request for a personal key: its name, when it expires (null: never), whether it may only
 * read, and the roles it acts with (null: all of the creator's).
 */
public record NewKey(String name, Instant expiresAt, boolean readOnly, Set<String> roles) {
    public NewKey {
        roles = roles == null ? null : Set.copyOf(roles);
    }
}
