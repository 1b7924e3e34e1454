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
                "line\nbreak", "back\\slash", ".plinth", ".plinth/exit", "points/07/.plinth/exit", "x".repeat(1025)}) {
            assertFalse(Workspaces.isSafeRelative(bad), bad);
        }
    }

    @Test
    void hostFoldersAtAnyDepth() {
        assertTrue(Workspaces.isHostPath(java.nio.file.Path.of(".plinth/stdout.log")));
        assertTrue(Workspaces.isHostPath(java.nio.file.Path.of("points/07/.plinth/point.json")), "a sweep point's");
        assertFalse(Workspaces.isHostPath(java.nio.file.Path.of("points/07/run.in")));
        assertFalse(Workspaces.isHostPath(java.nio.file.Path.of("a.plinth/x")));
    }
}
