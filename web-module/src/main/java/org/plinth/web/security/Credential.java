package org.plinth.web.security;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;
import java.util.Optional;

/**
 * What a request presents: an API key ({@code X-API-Key}, or a bearer value that is not a JWT)
 * or a JWT ({@code Authorization: Bearer} with three dot-separated parts; our API keys are
 * base64url and never contain a dot).
 */
record Credential(String value, boolean jwt) {

    static Optional<Credential> of(ContainerRequestContext request) {
        String header = request.getHeaderString(HttpHeaders.AUTHORIZATION);
        if (header != null && header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            String value = header.substring(7).trim();
            return Optional.of(new Credential(value, looksLikeJwt(value)));
        }
        return Optional.ofNullable(request.getHeaderString("X-API-Key")).map(String::trim)
                .map(key -> new Credential(key, false));
    }

    static boolean looksLikeJwt(String value) {
        int first = value.indexOf('.');
        int second = first < 0 ? -1 : value.indexOf('.', first + 1);
        return first > 0 && second > first + 1 && value.indexOf('.', second + 1) < 0 && second < value.length() - 1;
    }
}
