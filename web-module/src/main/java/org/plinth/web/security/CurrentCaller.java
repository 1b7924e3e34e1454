package org.plinth.web.security;

import jakarta.enterprise.context.RequestScoped;
import org.plinth.security.Caller;

/** The caller of the current request, set by {@link Authentication}. */
@RequestScoped
public class CurrentCaller {

    private Caller caller;
    private String personalKeyId;

    void set(Caller caller) {
        this.caller = caller;
    }

    void setPersonalKey(String keyId) {
        this.personalKeyId = keyId;
    }

    /** Whether the caller signed in with a personal API key (rather than a token or a configured key). */
    public boolean viaPersonalKey() {
        return personalKeyId != null;
    }

    public Caller get() {
        if (caller == null) {
            throw new IllegalStateException("request not authenticated");
        }
        return caller;
    }
}
