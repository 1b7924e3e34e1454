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
 * Every API request must name its caller, with an OIDC access token
 * ({@code Authorization: Bearer <jwt>}, checked by {@link TokenAuthenticator} when
 * {@link OidcSettings#enabled()}) or an API key ({@code Authorization: Bearer <key>} or
 * {@code X-API-Key: <key>}, the ASTRA web API's header). A missing or unknown key is 401 with a
 * {@code WWW-Authenticate} challenge and nothing more; a refused token is 401 saying what was
 * wrong with it (expired, another audience, …), as RFC 6750's {@code error_description} does.
 */
@Provider
@Priority(Priorities.AUTHENTICATION)
public class Authentication implements ContainerRequestFilter {

    @Inject
    ApiKeys keys;
    @Inject
    CurrentCaller current;
    @Inject
    OidcSettings oidc;
    @Inject
    TokenAuthenticator tokens;

    @Override
    public void filter(ContainerRequestContext request) {
        Optional<Credential> credential = Credential.of(request);
        Optional<Caller> caller;
        if (credential.isPresent() && credential.get().jwt() && oidc.enabled()) {
            TokenCheck check = tokens.check(credential.get().value());
            if (check instanceof TokenCheck.Refused refused) {
                request.abortWith(Response.fromResponse(Problems.response(401, "Unauthorized",
                                "invalid token: " + refused.reason()))
                        .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"plinth\", error=\"invalid_token\", "
                                + "error_description=\"" + refused.reason().replace("\"", "'") + "\"").build());
                return;
            }
            caller = Optional.of(((TokenCheck.Accepted) check).caller());
        } else {
            caller = credential.map(Credential::value).flatMap(keys::find);
        }
        if (caller.isEmpty()) {
            request.abortWith(Response.fromResponse(Problems.response(401, "Unauthorized",
                            oidc.enabled()
                                    ? "send an access token or API key as 'Authorization: Bearer <token>', or 'X-API-Key: <key>'"
                                    : "send an API key as 'Authorization: Bearer <key>' or 'X-API-Key: <key>'"))
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
}
