package org.plinth.apps.astra;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs ASTRA's generator for the in-process {@code generator} app: argv only (no shell), in the
 * job's workspace, output to a log file, ended with its children when the job is cancelled
 * (the thread is interrupted) or runs past its time.
 */
final class LocalTool {

    private LocalTool() {
    }

    /** The exit status; -1 when the time ran out. */
    static int run(List<String> argv, Path workspace, Path log, long timeoutSeconds) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(argv).directory(workspace.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile()).redirectInput(ProcessBuilder.Redirect.from(nullDevice())).start();
        try {
            if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                kill(p);
                return -1;
            }
            return p.exitValue();
        } catch (InterruptedException e) {
            kill(p);
            throw e;
        }
    }

    private static java.io.File nullDevice() {
        return new java.io.File(System.getProperty("os.name").startsWith("Windows") ? "NUL" : "/dev/null");
    }

    private static void kill(Process p) {
        p.descendants().forEach(ProcessHandle::destroyForcibly);
        p.destroyForcibly();
    }
}
