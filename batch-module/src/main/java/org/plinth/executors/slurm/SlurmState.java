package org.plinth.executors.slurm;

import java.util.Collection;
import java.util.List;
import java.util.Locale;

/** A SLURM job's state, reduced to what Plinth acts on. */
public enum SlurmState {
    PENDING, RUNNING, COMPLETED, FAILED, CANCELLED, TIMEOUT, NODE_FAIL, OUT_OF_MEMORY,
    /** A state this version of Plinth does not know. */
    UNKNOWN,
    /** SLURM no longer knows the job (MinJobAge passed, or a controller reset). */
    GONE;

    /** Whether the job has ended and all its processes are gone. */
    public boolean ended() {
        return switch (this) {
            case PENDING, RUNNING, UNKNOWN -> false;
            default -> true;
        };
    }

    /**
     * Normalizes a state as slurmrestd reports it: one string in v0.0.38, a base state plus
     * flags in v0.0.40+. A job still COMPLETING (or with that flag) counts as RUNNING: its
     * processes may still write outputs, so it is not time to collect them yet.
     */
    public static SlurmState of(Collection<String> stateAndFlags) {
        List<String> all = stateAndFlags.stream().map(s -> s.toUpperCase(Locale.ROOT)).toList();
        if (all.contains("COMPLETING") || all.contains("STAGE_OUT") || all.contains("SIGNALING")) {
            return RUNNING;
        }
        if (all.contains("REQUEUED") || all.contains("REQUEUE_HOLD") || all.contains("REQUEUE_FED")
                || all.contains("CONFIGURING") || all.contains("RESIZING")) {
            return PENDING; // will run (again) but is not running the script now
        }
        for (String s : all) {
            SlurmState state = base(s);
            if (state != UNKNOWN) {
                return state;
            }
        }
        return UNKNOWN;
    }

    private static SlurmState base(String s) {
        return switch (s) {
            case "PENDING" -> PENDING;
            // Suspended or stopped jobs hold their allocation and resume: not ended.
            case "RUNNING", "SUSPENDED", "STOPPED" -> RUNNING;
            case "COMPLETED" -> COMPLETED;
            case "FAILED", "PREEMPTED", "SPECIAL_EXIT" -> FAILED;
            case "CANCELLED", "REVOKED" -> CANCELLED;
            case "TIMEOUT", "DEADLINE" -> TIMEOUT;
            case "NODE_FAIL", "BOOT_FAIL" -> NODE_FAIL;
            case "OUT_OF_MEMORY" -> OUT_OF_MEMORY;
            default -> UNKNOWN;
        };
    }
}
