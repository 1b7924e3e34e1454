package org.plinth.executors.slurm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.plinth.executors.slurm.WorkspaceMarkers.Seen;

/** The markers as the real batch script writes them (run by bash with SLURM's job id set). */
class WorkspaceMarkersTest {

    @TempDir
    Path ws;

    private Process start(long slurmId, String command) throws Exception {
        return ScriptRun.start(ws, slurmId, command);
    }

    private void await(long slurmId, Seen wanted) throws InterruptedException {
        for (int i = 0; i < 200 && WorkspaceMarkers.read(ws, slurmId) != wanted; i++) {
            Thread.sleep(25);
        }
        assertEquals(wanted, WorkspaceMarkers.read(ws, slurmId));
    }

    @Test
    void aRunningScriptIsStartedThenSucceeded() throws Exception {
        assertEquals(Seen.NOTHING, WorkspaceMarkers.read(ws, 41));
        Process p = start(41, "while [ ! -f go ]; do sleep 0.02; done");
        await(41, Seen.STARTED);
        assertEquals(Seen.NOTHING, WorkspaceMarkers.read(ws, 40), "another SLURM job's markers say nothing of this one");
        Files.writeString(ws.resolve("go"), "");
        assertTrue(p.waitFor(20, TimeUnit.SECONDS));
        assertEquals(Seen.SUCCEEDED, WorkspaceMarkers.read(ws, 41));
    }

    @Test
    void aFailedCommandIsExitedNotSucceeded() throws Exception {
        assertTrue(start(42, "exit 3").waitFor(20, TimeUnit.SECONDS));
        assertEquals(Seen.EXITED, WorkspaceMarkers.read(ws, 42));
    }

    @Test
    void anEarlierRunsExitIsNotTheNextRunsEnd() throws Exception {
        assertTrue(start(43, "true").waitFor(20, TimeUnit.SECONDS));
        assertEquals(Seen.SUCCEEDED, WorkspaceMarkers.read(ws, 43));
        WorkspaceMarkers.clear(ws); // what a submit does first
        assertEquals(Seen.NOTHING, WorkspaceMarkers.read(ws, 43));
        Process p = start(44, "while [ ! -f go ]; do sleep 0.02; done");
        await(44, Seen.STARTED);
        Files.writeString(ws.resolve("go"), "");
        assertTrue(p.waitFor(20, TimeUnit.SECONDS));
        assertEquals(Seen.SUCCEEDED, WorkspaceMarkers.read(ws, 44));
    }

    @Test
    void clearingAnEmptyWorkspaceIsFine() throws Exception {
        WorkspaceMarkers.clear(ws);
        Files.createDirectories(ws.resolve(".plinth"));
        WorkspaceMarkers.clear(ws);
        assertEquals(Seen.NOTHING, WorkspaceMarkers.read(ws, 1));
    }
}
