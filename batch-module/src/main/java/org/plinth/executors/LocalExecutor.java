package org.plinth.executors;

import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.logging.Logger;
import org.plinth.api.Command;
import org.plinth.api.Resources;

/**
 * Runs commands on this server. Each runs in a session and process group of its own
 * ({@code setsid}), so a cancel or a timeout kills the whole tree, and so a job survives a crash
 * of the server. A small wrapper records the command's exit status in the workspace: a server
 * that comes back after a crash learns from it how a job that outlived it ended.
 */
@ApplicationScoped
public class LocalExecutor {

    public static final String NAME = "local";
    private static final Logger LOG = Logger.getLogger(LocalExecutor.class.getName());

    static final String WRAPPER = """
            #!/bin/bash
            # Written by Plinth. Runs the job's command and records how it ended, so that a
            # server restarted after a crash can learn it without being the parent process.
            # Its pid first: a server killed before it stored the pid finds the process by it.
            printf '%d\\n' "$$" > .plinth/pid
            "$@"
            code=$?
            times > .plinth/times
            printf '%d\\n' "$code" > .plinth/exit.tmp && mv -f .plinth/exit.tmp .plinth/exit
            exit "$code"
            """;

    /** Starts a command in the workspace; its output goes to the given log files. */
    public RunningProcess launch(Path workspace, Command command, Resources resources, String jobId,
                                 Path stdout, Path stderr) throws IOException {
        Path hostDir = workspace.resolve(".plinth");
        Files.createDirectories(hostDir);
        Files.deleteIfExists(hostDir.resolve("exit"));
        Files.deleteIfExists(hostDir.resolve("pid"));
        Path wrapper = hostDir.resolve("run.sh");
        Files.writeString(wrapper, WRAPPER, StandardCharsets.UTF_8);
        List<String> argv = new ArrayList<>(List.of("setsid", "bash", ".plinth/run.sh"));
        argv.addAll(command.argv());
        ProcessBuilder pb = new ProcessBuilder(argv)
                .directory(workspace.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
                .redirectOutput(ProcessBuilder.Redirect.appendTo(stdout.toFile()))
                .redirectError(ProcessBuilder.Redirect.appendTo(stderr.toFile()));
        Map<String, String> env = pb.environment();
        env.clear();
        env.put("PATH", "/usr/local/bin:/usr/bin:/bin");
        env.put("HOME", workspace.toString());
        env.put("LANG", "C.UTF-8");
        env.put("TMPDIR", hostDir.toString());
        env.put("PLINTH_JOB_ID", jobId);
        env.put("PLINTH_CORES", Integer.toString(resources.cores()));
        env.put("OMP_NUM_THREADS", Integer.toString(resources.cores()));
        env.putAll(command.environment());
        Process process = pb.start();
        long ticks = ProcessIdentity.startTicksOf(process.pid()).orElse(-1);
        return new RunningProcess(new ProcessIdentity(process.pid(), ticks), process.toHandle(), workspace);
    }

    /** Finds a process launched before a server restart, if it is still that process. */
    public java.util.Optional<RunningProcess> attach(Path workspace, ProcessIdentity identity) {
        if (!identity.isAlive()) {
            return java.util.Optional.empty();
        }
        return ProcessHandle.of(identity.pid()).map(h -> new RunningProcess(identity, h, workspace));
    }

    /**
     * The process the wrapper of a job started, from the pid it wrote as it began: for a job
     * whose launch the server could not store before it died. Empty when the wrapper never ran.
     * A process still alive counts only when it is the job's (its environment names the job);
     * otherwise the identity answers not alive.
     */
    public static java.util.Optional<ProcessIdentity> startedProcess(Path workspace, String jobId) {
        long pid;
        try {
            Path file = workspace.resolve(".plinth").resolve("pid");
            if (!Files.exists(file)) {
                return java.util.Optional.empty();
            }
            pid = Long.parseLong(Files.readString(file).trim());
        } catch (IOException | NumberFormatException e) {
            return java.util.Optional.empty();
        }
        OptionalLong ticks = ProcessIdentity.startTicksOf(pid);
        boolean ours = ticks.isPresent() && environmentNames(pid, jobId);
        return java.util.Optional.of(new ProcessIdentity(pid, ours ? ticks.getAsLong() : -1));
    }

    /** Whether a process's environment holds PLINTH_JOB_ID=jobId (a reused pid does not). */
    private static boolean environmentNames(long pid, String jobId) {
        try {
            byte[] env = Files.readAllBytes(Path.of("/proc", Long.toString(pid), "environ"));
            String wanted = "PLINTH_JOB_ID=" + jobId;
            for (String entry : new String(env, StandardCharsets.UTF_8).split("\0")) {
                if (entry.equals(wanted)) {
                    return true;
                }
            }
            return false;
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    /** The exit status the wrapper recorded, if the command has ended. */
    public static OptionalInt recordedExit(Path workspace) {
        try {
            Path exit = workspace.resolve(".plinth").resolve("exit");
            if (!Files.exists(exit)) {
                return OptionalInt.empty();
            }
            return OptionalInt.of(Integer.parseInt(Files.readString(exit).trim()));
        } catch (IOException | NumberFormatException e) {
            return OptionalInt.empty();
        }
    }

    /** CPU time (user + system) of the command and its children, from the wrapper's `times`. */
    public static OptionalLong recordedCpuMillis(Path workspace) {
        try {
            List<String> lines = Files.readAllLines(workspace.resolve(".plinth").resolve("times"));
            if (lines.size() < 2) {
                return OptionalLong.empty();
            }
            long total = 0;
            for (String part : lines.get(1).trim().split("\\s+")) {
                // "0m1.234s"
                int m = part.indexOf('m');
                double minutes = Double.parseDouble(part.substring(0, m));
                double seconds = Double.parseDouble(part.substring(m + 1, part.length() - 1));
                total += Math.round((minutes * 60 + seconds) * 1000);
            }
            return OptionalLong.of(total);
        } catch (IOException | RuntimeException e) {
            return OptionalLong.empty();
        }
    }

    /** Sends a signal to the whole process group (the job's session). */
    public static void signalGroup(long pgid, String signal) {
        try {
            Process kill = new ProcessBuilder("kill", "-" + signal, "--", "-" + pgid)
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            kill.waitFor();
        } catch (IOException e) {
            LOG.warning(() -> "cannot signal process group " + pgid + ": " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
