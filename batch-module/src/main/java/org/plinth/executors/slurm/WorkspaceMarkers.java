package org.plinth.executors.slurm;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * What a SLURM job's batch script ({@link SlurmScript}) has written in its workspace: it records
 * its SLURM id in {@code .plinth/slurm-job} when it starts and its exit status in
 * {@code .plinth/exit} when its command ends. Reading them is a file stat on the shared file
 * system, so a job's step can look far more often than it may ask slurmrestd, and Plinth learns
 * that a job started or ended without waiting for SLURM's next listing (slurmctld itself starts a
 * job only at its next scheduler pass, about once a second; the listing adds another interval).
 * SLURM's listing stays the authority for everything else: failures with their reasons, time
 * limits, cancellations, jobs that never started.
 */
public final class WorkspaceMarkers {

    /** What the markers say of one SLURM job. */
    public enum Seen {
        /** Nothing yet, or markers of another SLURM job. */
        NOTHING,
        /** The script of this SLURM job has started. */
        STARTED,
        /** Its command ended with status 0. */
        SUCCEEDED,
        /** Its command ended with another status: SLURM's own state tells why. */
        EXITED
    }

    static final String JOB_FILE = "slurm-job";
    static final String EXIT_FILE = "exit";

    private WorkspaceMarkers() {
    }

    public static Seen read(Path workspace, long slurmId) {
        Path dir = workspace.resolve(".plinth");
        try {
            if (!Long.toString(slurmId).equals(Files.readString(dir.resolve(JOB_FILE)).trim())) {
                return Seen.NOTHING;
            }
        } catch (NoSuchFileException e) {
            return Seen.NOTHING;
        } catch (IOException e) {
            return Seen.NOTHING; // unreadable for now (a shared file system's hiccup): the listing decides
        }
        try {
            String exit = Files.readString(dir.resolve(EXIT_FILE)).trim();
            return "0".equals(exit) ? Seen.SUCCEEDED : Seen.EXITED;
        } catch (IOException e) {
            return Seen.STARTED;
        }
    }

    /**
     * Removes an earlier run's markers before a submit (a restarted job reuses its workspace):
     * an old exit status next to the new job's id would read as the new job's end.
     */
    static void clear(Path workspace) throws IOException {
        Path dir = workspace.resolve(".plinth");
        Files.deleteIfExists(dir.resolve(EXIT_FILE));
        Files.deleteIfExists(dir.resolve(JOB_FILE));
    }
}
