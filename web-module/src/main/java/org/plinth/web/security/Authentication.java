package org.plinth.web.security;

import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import jakarta.ws.rs.ext.Provider;
import java.security.Principal;
import java.util.Optional;
import org.plinth.security.Caller;
import org.plinth.web.problems.Problems;

/**
 * Every API request must name its caller: {@code Authorization: Bearer <key>} or
 * {@code X-API-Key: <key>} (the ASTRA web API's header). A missing or unknown credential is 401
 * with a {@code WWW-Authenticate} challenge and nothing more. An OIDC token check joins here as
 * a second way to find the caller.
 */
@Provider
@Priority(Priorities.AUTHENTICATION)
public class Authentication implements ContainerRequestFilter {

    @Inject
    ApiKeys keys;
    @Inject
    CurrentCaller current;

    @Override
    public void filter(ContainerRequestContext request) {
        Optional<Caller> caller = credential(request).flatMap(keys::find);
        if (caller.isEmpty()) {
            request.abortWith(Response.fromResponse(Problems.response(401, "Unauthorized",
                            "send an API key as 'Authorization: Bearer <key>' or 'X-API-Key: <key>'"))
                    .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"plinth\"").build());
            return;
        }
        current.set(caller.get());
        boolean secure = request.getSecurityContext() != null && request.getSecurityContext().isSecure();
        Caller c = caller.get();
        request.setSecurityContext(new SecurityContext() {
            @Override
            public Principal getUserPrincipal() {
                return c::name;
            }

            @Override
            public boolean isUserInRole(String role) {
                return c.roles().contains(role);
            }

            @Override
            public boolean isSecure() {
                return secure;
            }

            @Override
            public String getAuthenticationScheme() {
                return "Bearer";
            }
        });
    }

    private static Optional<String> credential(ContainerRequestContext request) {
        String header = request.getHeaderString(HttpHeaders.AUTHORIZATION);
        if (header != null && header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return Optional.of(header.substring(7).trim());
        }
        return Optional.ofNullable(request.getHeaderString("X-API-Key")).map(String::trim);
    }
}
