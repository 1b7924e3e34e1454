package org.plinth.executors;

import java.nio.file.Path;
import java.time.Duration;
import java.util.OptionalInt;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** A job's process on this server, launched now or found again after a restart. */
public record RunningProcess(ProcessIdentity identity, ProcessHandle handle, Path workspace) {

    /** Waits up to {@code timeout} for the process to end; answers whether it has. */
    public boolean awaitExit(Duration timeout) throws InterruptedException {
        try {
            handle.onExit().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (TimeoutException e) {
            return false;
        } catch (ExecutionException e) {
            return !handle.isAlive();
        }
    }

    /** The command's exit status once ended; empty if the wrapper itself was killed. */
    public OptionalInt exitCode() {
        return LocalExecutor.recordedExit(workspace);
    }

    /** Ends the whole process tree: TERM, then KILL after a grace period. */
    public void kill(Duration grace) throws InterruptedException {
        LocalExecutor.signalGroup(identity.pid(), "TERM");
        if (!awaitExit(grace)) {
            LocalExecutor.signalGroup(identity.pid(), "KILL");
            awaitExit(Duration.ofSeconds(5));
        }
    }
}
