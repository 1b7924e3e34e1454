package org.plinth.web.security;

import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.ext.Provider;

/**
 * Runs only for {@link Public} methods (name binding) and just before {@link Authentication},
 * which then lets the request through without a credential. Authentication used to ask the
 * request's {@code ResourceInfo} for its method: an injected proxy resolved on every request
 * under a lock in HK2, one of the waits a JFR recording found behind the pollers' p99.
 */
@Provider
@Public
@Priority(Priorities.AUTHENTICATION - 1)
public class PublicMethods implements ContainerRequestFilter {

    /** The request property that marks a request for a public method. */
    static final String PUBLIC = PublicMethods.class.getName();

    @Override
    public void filter(ContainerRequestContext request) {
        request.setProperty(PUBLIC, Boolean.TRUE);
    }
}
