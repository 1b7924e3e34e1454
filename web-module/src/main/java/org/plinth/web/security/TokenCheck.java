package org.plinth.web.security;

import org.plinth.security.Caller;

/** The outcome of checking a bearer token: the caller it names, or why it was refused. */
sealed interface TokenCheck {

    record Accepted(Caller caller) implements TokenCheck {
    }

    /**
     * {@code reason} names what failed (issuer, audience, signature, algorithm …): for the log at
     * FINE and the audit trail, never for the client, as it would tell an attacker which part of a
     * forged token to fix next. The client learns only {@link #clientDescription()}.
     */
    record Refused(String reason, boolean expired) implements TokenCheck {

        static final String EXPIRED = "the token has expired";
        static final String INVALID = "invalid token";

        /** What the 401 says: "expired" (a genuine client must renew) or one generic phrase for everything else. */
        String clientDescription() {
            return expired ? EXPIRED : INVALID;
        }
    }

}
