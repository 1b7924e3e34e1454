package org.plinth.web.security;

import org.plinth.security.Caller;

/** The outcome of checking a bearer token: the caller it names, or why it was refused. */
sealed interface TokenCheck {

    record Accepted(Caller caller) implements TokenCheck {
    }

    /** {@code reason} is safe to show the client: it names what failed, never a secret. */
    record Refused(String reason) implements TokenCheck {
    }
}
