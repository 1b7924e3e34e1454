package org.plinth.executors.slurm;

import java.util.List;
import org.plinth.api.Command;

/**
 * The batch script SLURM runs for a job. It goes to the job's workspace (as the cluster sees
 * it), runs the command and records its exit status and a marker in {@code .plinth/}, as the
 * local executor's wrapper does: SLURM forgets finished jobs after MinJobAge, and the workspace
 * then still tells how the job ended and that this SLURM job was ours.
 *
 * <p>Every argument is single-quoted, so no user text is ever interpreted by the shell. Only
 * the site's setup fragment (configuration, written by an admin) is shell code.
 */
public final class SlurmScript {

    private SlurmScript() {
    }

    /**
     * @param command  the program and its arguments (the environment travels in the submit request)
     * @param workDir  the job's workspace as the cluster sees it
     * @param setup    shell lines from configuration run first (e.g. {@code module load openmpi}), or empty
     */
    public static String build(Command command, String workDir, String setup) {
        StringBuilder s = new StringBuilder(256)
                .append("#!/bin/bash\n")
                .append("# Written by Plinth: runs the job's command in its workspace and records how it ended.\n");
        if (setup != null && !setup.isBlank()) {
            s.append("# Site setup (plinth.executors.slurm.script-setup)\n").append(setup.strip()).append('\n');
        }
        // 97: a status the command cannot be blamed for, distinct from "command not found" (127).
        s.append("cd -- ").append(quote(workDir)).append(" || exit 97\n")
                .append("mkdir -p .plinth\n")
                .append("printf '%s\\n' \"$SLURM_JOB_ID\" > .plinth/slurm-job\n")
                .append(join(command.argv())).append(" </dev/null\n")
                .append("code=$?\n")
                .append("times > .plinth/times\n")
                .append("printf '%d\\n' \"$code\" > .plinth/exit.tmp && mv -f .plinth/exit.tmp .plinth/exit\n")
                .append("exit \"$code\"\n");
        return s.toString();
    }

    /** The words joined with spaces, each quoted. */
    static String join(List<String> words) {
        StringBuilder s = new StringBuilder();
        for (String w : words) {
            if (s.length() > 0) {
                s.append(' ');
            }
            s.append(quote(w));
        }
        return s.toString();
    }

    /**
     * One shell word with exactly this text. Inside single quotes bash interprets nothing, so
     * the only character to take care of is the single quote itself: end the quote, add an
     * escaped quote, reopen ({@code '\''}).
     *
     * @throws IllegalArgumentException for a NUL character, which no argument can carry
     */
    public static String quote(String word) {
        if (word.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("an argument cannot contain a NUL character");
        }
        return "'" + word.replace("'", "'\\''") + "'";
    }
}
