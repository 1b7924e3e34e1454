package org.plinth.web.security;

import java.time.Duration;
import java.util.List;

/** What a token must say to be accepted here: its issuer, one of the audiences, the clock leeway. */
record TokenExpectations(String issuer, List<String> audiences, Duration clockSkew) {
    TokenExpectations {
        audiences = List.copyOf(audiences);
    }
}
