package org.plinth.web.security;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.config.Config;

/**
 * The OIDC token settings, read from MicroProfile Config under MicroProfile JWT's names
 * ({@code mp.jwt.verify.*}), so a site configures Plinth as it would any MP-JWT service.
 * Without {@code mp.jwt.verify.issuer} tokens are off and only API keys count (the embedded default).
 */
@ApplicationScoped
public class OidcSettings {

    /** MicroProfile JWT's default leeway on exp/iat, in seconds. */
    static final int DEFAULT_CLOCK_SKEW = 60;

    @Inject
    Config config;

    public boolean enabled() {
        return issuer().isPresent();
    }

    public Optional<String> issuer() {
        return config.getOptionalValue("mp.jwt.verify.issuer", String.class).map(String::trim).filter(s -> !s.isEmpty());
    }

    /** Empty means any audience (MicroProfile JWT then does not check {@code aud}). */
    public List<String> audiences() {
        return config.getOptionalValue("mp.jwt.verify.audiences", String.class)
                .map(s -> Arrays.stream(s.split(",")).map(String::trim).filter(a -> !a.isEmpty()).toList())
                .orElse(List.of());
    }

    public Duration clockSkew() {
        return Duration.ofSeconds(config.getOptionalValue("mp.jwt.verify.clock.skew", Integer.class)
                .orElse(DEFAULT_CLOCK_SKEW));
    }

    /** The claim naming the user; when a token lacks it, upn, then sub. */
    public String nameClaim() {
        return config.getOptionalValue("plinth.oidc.name-claim", String.class).orElse("preferred_username");
    }

    /** The claim listing the caller's roles; {@code groups} is MicroProfile JWT's. */
    public String rolesClaim() {
        return config.getOptionalValue("plinth.oidc.roles-claim", String.class).orElse("groups");
    }

    /** What a token must say to be accepted here. */
    TokenExpectations expectations() {
        return new TokenExpectations(issuer().orElse(""), audiences(), clockSkew());
    }
}
