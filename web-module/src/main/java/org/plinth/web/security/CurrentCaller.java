package org.plinth.web.security;

import jakarta.enterprise.context.RequestScoped;
import org.plinth.security.Caller;

/** The caller of the current request, set by {@link Authentication}. */
@RequestScoped
public class CurrentCaller {

    private Caller caller;

    void set(Caller caller) {
        this.caller = caller;
    }

    public Caller get() {
        if (caller == null) {
            throw new IllegalStateException("request not authenticated");
        }
        return caller;
    }
}
