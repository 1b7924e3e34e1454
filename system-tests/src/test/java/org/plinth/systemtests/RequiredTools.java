package org.plinth.systemtests;

import org.junit.jupiter.api.Assumptions;

/**
 * A test that needs an OS tool (a SLURM cluster, Keycloak, a science binary) skips with the
 * reason printed when it is missing; on CI ({@code PLINTH_REQUIRE_TOOLS=true}) that is a failure.
 */
final class RequiredTools {

    private RequiredTools() {
    }

    static void missing(String reason) {
        if ("true".equalsIgnoreCase(System.getenv("PLINTH_REQUIRE_TOOLS"))) {
            throw new IllegalStateException(reason + " (PLINTH_REQUIRE_TOOLS=true)");
        }
        System.out.println("[plinth-it] SKIPPED: " + reason);
        Assumptions.abort(reason);
    }
}
