package org.plinth.executors.slurm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.plinth.executors.slurm.WorkspaceMarkers.Seen;

/** The watch over the markers as the real batch script writes them (run by bash). */
class MarkerWatchTest {

    @TempDir
    Path ws;

    private final MarkerWatch watch = new MarkerWatch();

    @BeforeEach
    void threads() throws Exception {
        watch.threads = Thread::new;
        Files.createDirectories(ws.resolve(".plinth")); // as the submit leaves it
    }

    @AfterEach
    void stop() {
        watch.stop();
    }

    private Process start(long slurmId, String command) throws Exception {
        return ScriptRun.start(ws, slurmId, command);
    }

    @Test
    void aWaiterWakesWhenTheScriptStartsAndWhenItsCommandEnds() throws Exception {
        try (MarkerWatch.Waiter waiter = watch.watch(ws.resolve(".plinth"))) {
            Process p = start(51, "while [ ! -f go ]; do sleep 0.02; done");
            assertTrue(wokenUntil(waiter, 51, Seen.STARTED), "woken by the start marker");
            assertEquals(Seen.STARTED, WorkspaceMarkers.read(ws, 51));
            Files.writeString(ws.resolve("go"), "");
            assertTrue(wokenUntil(waiter, 51, Seen.SUCCEEDED), "woken by the exit marker");
            assertEquals(Seen.SUCCEEDED, WorkspaceMarkers.read(ws, 51));
            assertTrue(p.waitFor(20, TimeUnit.SECONDS));
        }
    }

    /**
     * Waits on the waiter until the markers say {@code wanted}; answers whether the last wait was
     * ended by an event. A long timeout: only a marker's event ends a wait early. More than one
     * wait may be needed, as a step's loop does: creating a marker file is one event and writing
     * its content another, and the script writes other files too.
     */
    private boolean wokenUntil(MarkerWatch.Waiter waiter, long slurmId, Seen wanted) throws InterruptedException {
        boolean woken = waiter.await(60_000);
        for (int i = 0; i < 100 && WorkspaceMarkers.read(ws, slurmId) != wanted; i++) {
            woken = waiter.await(60_000);
        }
        return woken;
    }

    @Test
    void logLinesInTheSameFolderDoNotWakeIt() throws Exception {
        try (MarkerWatch.Waiter waiter = watch.watch(ws.resolve(".plinth"))) {
            Path log = ws.resolve(".plinth/stdout.log");
            for (int i = 0; i < 50; i++) {
                Files.writeString(log, "line " + i + "\n", StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            }
            assertFalse(waiter.await(300), "only the markers wake a job's step");
        }
    }

    @Test
    void twoWaitersOnOneFolderAreBothWokenAndOneClosingLeavesTheOther() throws Exception {
        MarkerWatch.Waiter first = watch.watch(ws.resolve(".plinth"));
        try (MarkerWatch.Waiter second = watch.watch(ws.resolve(".plinth"))) {
            Files.writeString(ws.resolve(".plinth/slurm-job"), "7\n");
            assertTrue(first.await(60_000));
            assertTrue(second.await(60_000));
            first.close();
            // writing slurm-job was two events (create, then content): the second may have been
            // handed to the first waiter before it closed; only what comes after the close counts
            first.await(200);
            Files.writeString(ws.resolve(".plinth/exit"), "0\n");
            assertTrue(second.await(60_000), "the folder is still watched for the other waiter");
            assertFalse(first.await(100), "a closed waiter is no longer signalled");
        }
    }

    @Test
    void aFolderThatCannotBeWatchedGivesAWaiterThatSleeps() throws Exception {
        try (MarkerWatch.Waiter waiter = watch.watch(ws.resolve("missing"))) {
            long t = System.nanoTime();
            assertFalse(waiter.await(100));
            assertTrue(System.nanoTime() - t >= TimeUnit.MILLISECONDS.toNanos(100), "it slept the time asked");
        }
    }
}
