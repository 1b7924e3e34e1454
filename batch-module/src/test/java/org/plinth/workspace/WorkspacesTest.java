package org.plinth.workspace;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class WorkspacesTest {

    @Test
    void safeRelativePaths() {
        for (String ok : new String[] {"a.txt", "data/in.fits", "ünïcode/名前.txt", "a..b", ".hidden"}) {
            assertTrue(Workspaces.isSafeRelative(ok), ok);
        }
        for (String bad : new String[] {"", "/etc/passwd", "..", "../x", "a/../../x", "a//b", "a/./b", "a/", "nul\0",
                "line\nbreak", "back\\slash", ".plinth", ".plinth/exit", "x".repeat(1025)}) {
            assertFalse(Workspaces.isSafeRelative(bad), bad);
        }
    }
}
