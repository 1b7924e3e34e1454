package org.plinth.web.security;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import org.plinth.security.Caller;

/**
 * Turns an OIDC access token into a {@link Caller}: verified by {@link JwtVerifier} against the
 * issuer's keys ({@link IssuerKeys}) and the MicroProfile JWT settings ({@link OidcSettings});
 * the name from {@code plinth.oidc.name-claim} (else {@code upn}, else {@code sub}, MicroProfile
 * JWT's order), the roles from {@code plinth.oidc.roles-claim} ({@code groups}).
 */
@ApplicationScoped
public class TokenAuthenticator {

    @Inject
    OidcSettings settings;
    @Inject
    IssuerKeys keys;

    TokenCheck check(String token) {
        JwtVerifier.Result result = JwtVerifier.verify(token, settings.expectations(), keys::key, Instant.now());
        if (result.claims().isEmpty()) {
            return new TokenCheck.Refused(result.refusal(), result.expired());
        }
        JsonObject claims = result.claims().get();
        String name = List.of(settings.nameClaim(), "upn", "sub").stream().map(c -> JwtVerifier.string(claims, c))
                .filter(s -> !s.isBlank()).findFirst().orElse("");
        return new TokenCheck.Accepted(new Caller(name, new HashSet<>(JwtVerifier.strings(claims.get(settings.rolesClaim())))));
    }
}
