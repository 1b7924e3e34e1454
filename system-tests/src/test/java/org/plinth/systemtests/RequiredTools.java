package org.plinth.systemtests;

import org.junit.jupiter.api.Assumptions;

/**
 * For tests that need an OS tool (HyPhy, SExtractor): on a developer's machine a missing tool
 * skips the test with the reason printed; on CI ({@code PLINTH_REQUIRE_TOOLS=true}) it fails,
 * so a skip can never pass for a success there.
 */
final class RequiredTools {

    private RequiredTools() {
    }

    /** Ends the current test: skipped with {@code reason}, or failed when tools are required. */
    static void missing(String reason) {
        if ("true".equalsIgnoreCase(System.getenv("PLINTH_REQUIRE_TOOLS"))) {
            throw new IllegalStateException(reason + " (PLINTH_REQUIRE_TOOLS=true)");
        }
        System.out.println("[plinth-it] SKIPPED: " + reason);
        Assumptions.abort(reason);
    }
}
