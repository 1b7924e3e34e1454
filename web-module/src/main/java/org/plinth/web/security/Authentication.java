package org.plinth.web.security;

import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import jakarta.ws.rs.ext.Provider;
import java.security.Principal;
import java.util.Optional;
import org.plinth.security.Caller;
import org.plinth.security.audit.AuthFailures;
import org.plinth.security.keys.KeyCheck;
import org.plinth.security.keys.PersonalKeys;
import org.plinth.web.problems.Problems;

/**
 * Every API request must name its caller, with an OIDC access token
 * ({@code Authorization: Bearer <jwt>}, checked by {@link TokenAuthenticator} when
 * {@link OidcSettings#enabled()}) or an API key ({@code Authorization: Bearer <key>} or
 * {@code X-API-Key: <key>}, the ASTRA web API's header): a configured one ({@link ApiKeys}) or a
 * personal one ({@link PersonalKeys}). No credential is 401 with a {@code WWW-Authenticate}
 * challenge saying how to send one. A refused credential is 401 with
 * {@code error="invalid_token"} and one generic description, whatever was wrong (unknown or
 * revoked key, another issuer or audience, bad signature, {@code alg: none}, malformed …), so a
 * forger learns nothing about which part to fix next; only an expired token or key says
 * "expired", which a genuine client needs to know to renew and which is said only after the
 * signature verified (or the key matched). The precise reason goes to the log at FINE and into
 * the audit trail's burst events, never the credential itself. A read-only personal key may only
 * GET and HEAD: anything else is 403. Refused credentials are counted per client address
 * ({@link AuthFailures}).
 */
@Provider
@Priority(Priorities.AUTHENTICATION)
public class Authentication implements ContainerRequestFilter {

    private static final java.util.logging.Logger LOG = java.util.logging.Logger.getLogger(Authentication.class.getName());
    /** What a refused credential is told, whatever was wrong with it (but expiry). */
    static final String INVALID = TokenCheck.Refused.INVALID;

    /** What a read-only key may do. */
    private static final java.util.Set<String> READS = java.util.Set.of("GET", "HEAD");

    @Inject
    ApiKeys keys;
    @Inject
    CurrentCaller current;
    @Inject
    OidcSettings oidc;
    @Inject
    TokenAuthenticator tokens;
    @Inject
    PersonalKeys personalKeys;
    @Inject
    AuthFailures failures;
    @Context
    HttpServletRequest servletRequest;

    @Override
    public void filter(ContainerRequestContext request) {
        if (Boolean.TRUE.equals(request.getProperty(PublicMethods.PUBLIC))) {
            return; // e.g. the console's settings, read before anyone signs in
        }
        Optional<Credential> credential = Credential.of(request);
        String address = clientAddress();
        Optional<Caller> caller;
        if (credential.isPresent() && credential.get().jwt() && oidc.enabled()) {
            TokenCheck check = tokens.check(credential.get().value());
            if (check instanceof TokenCheck.Refused refused) {
                // the reason for admins (FINE), the token never: it may still be good elsewhere
                LOG.fine(() -> "refused a token from " + address + ": " + refused.reason());
                failures.failed(address, "token refused: " + refused.reason());
                request.abortWith(invalidToken(refused.clientDescription(), refused.clientDescription()));
                return;
            }
            caller = Optional.of(((TokenCheck.Accepted) check).caller());
        } else {
            caller = credential.map(Credential::value).flatMap(keys::find);
            if (caller.isEmpty() && credential.isPresent()) {
                KeyCheck check = personalKeys.check(credential.get().value());
                if (check instanceof KeyCheck.Expired expired) {
                    LOG.fine(() -> "refused an expired API key from " + address);
                    failures.failed(address, "expired API key");
                    request.abortWith(invalidToken("the API key expired at " + expired.expiredAt(), "the API key expired"));
                    return;
                }
                if (check instanceof KeyCheck.Valid valid) {
                    if (valid.readOnly() && !READS.contains(request.getMethod())) {
                        request.abortWith(Problems.response(403, "Forbidden", "this API key is read-only: it may "
                                + "only GET and HEAD, not " + request.getMethod()));
                        return;
                    }
                    current.setPersonalKey(valid.keyId());
                    caller = Optional.of(valid.caller());
                } else {
                    LOG.fine(() -> "refused an unknown or revoked API key from " + address);
                    failures.failed(address, "unknown API key");
                    // the same answer as a refused token: nothing tells a guessed key from a forged token
                    request.abortWith(invalidToken(INVALID, INVALID));
                    return;
                }
            }
        }
        if (caller.isEmpty()) {
            request.abortWith(Response.fromResponse(Problems.response(401, "Unauthorized",
                            oidc.enabled()
                                    ? "send an access token or API key as 'Authorization: Bearer <token>', or 'X-API-Key: <key>'"
                                    : "send an API key as 'Authorization: Bearer <key>' or 'X-API-Key: <key>'"))
                    .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"plinth\"").build());
            return;
        }
        Caller c = caller.get().from(address);
        current.set(c);
        boolean secure = request.getSecurityContext() != null && request.getSecurityContext().isSecure();
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

    private static Response invalidToken(String detail, String description) {
        return Response.fromResponse(Problems.response(401, "Unauthorized", detail))
                .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"plinth\", error=\"invalid_token\", "
                        + "error_description=\"" + description.replace("\"", "'") + "\"").build();
    }

    /**
     * The peer's address. Behind a reverse proxy that is the proxy: let the container take the
     * client's from X-Forwarded-For (Payara: the HTTP listener's auth-pass-through / a valve),
     * not this filter, which cannot tell a trusted proxy's header from a forged one.
     */
    private String clientAddress() {
        try {
            return servletRequest == null ? null : servletRequest.getRemoteAddr();
        } catch (IllegalStateException e) {
            return null;
        }
    }
}
