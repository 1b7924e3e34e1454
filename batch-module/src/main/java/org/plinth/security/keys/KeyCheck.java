package org.plinth.security.keys;

import java.time.Instant;
import org.plinth.security.Caller;

/** What a presented personal key is worth. */
public sealed interface KeyCheck {

    /** A usable key: who it acts as, whether it may only read, and its id (for the audit). */
    record Valid(Caller caller, boolean readOnly, String keyId) implements KeyCheck {
    }

    /** A key that was valid until {@code expiredAt}. */
    record Expired(Instant expiredAt) implements KeyCheck {
    }

    /** Not a key we know (never issued, or revoked): nothing more is said. */
    record Unknown() implements KeyCheck {
    }
}
