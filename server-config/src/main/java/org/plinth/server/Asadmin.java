package org.plinth.server;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Runs {@code <payara>/bin/asadmin} as a child process.
 *
 * <p>Output goes to a file, not a pipe: start-domain forks the server JVM, which would inherit
 * a pipe and keep it open, so reading "until EOF" would block for the server's lifetime.
 */
public final class Asadmin {

    /** What a finished asadmin call left behind. */
    public record Result(List<String> command, int exitCode, String output) {

        /** Multimode prints "Command X failed." per failed line but may still exit 0. */
        public boolean succeeded() {
            return exitCode == 0 && !FAILED_COMMAND.matcher(output).find();
        }

        public Result requireSuccess() {
            if (!succeeded()) {
                throw new AsadminException(this);
            }
            return this;
        }
    }

    /** An asadmin call that failed; the message carries its output. */
    public static final class AsadminException extends RuntimeException {
        private final Result result;

        AsadminException(Result result) {
            super("asadmin " + String.join(" ", result.command()) + " failed (exit " + result.exitCode() + "):\n"
                    + result.output().strip());
            this.result = result;
        }

        public Result result() {
            return result;
        }
    }

    private static final Pattern FAILED_COMMAND = Pattern.compile("(?m)^Command \\S+ failed\\.");

    private final Path executable;
    private final Path logDir;

    /**
     * @param payaraHome the unpacked distribution (the directory holding bin/asadmin)
     * @param logDir     where each call's output is kept (last call per command name)
     */
    public Asadmin(Path payaraHome, Path logDir) {
        this.executable = payaraHome.resolve("bin/asadmin");
        if (!Files.isRegularFile(executable)) {
            throw new IllegalArgumentException("No asadmin at " + executable
                    + " (Payara home wrong, or the distribution is not unpacked yet?)");
        }
        this.logDir = logDir;
    }

    /** Runs one asadmin command; fails if it runs longer than the timeout (the process is killed). */
    public Result run(Duration timeout, String... args) {
        return run(false, timeout, args);
    }

    /**
     * @param ownSession run under {@code setsid}: the server JVM that start-domain forks then lives
     *                   in its own session, so a terminal's Ctrl-C (SIGINT to the whole foreground
     *                   process group) reaches only the launcher, whose shutdown hook stops things
     *                   in order, instead of killing Payara behind its back.
     */
    public Result run(boolean ownSession, Duration timeout, String... args) {
        List<String> command = new ArrayList<>();
        if (ownSession && Files.isExecutable(Path.of("/usr/bin/setsid"))) {
            command.add("/usr/bin/setsid");
        }
        command.add(executable.toString());
        command.addAll(List.of(args));
        try {
            Files.createDirectories(logDir);
            Path log = logDir.resolve("asadmin-" + (args.length > 0 ? safe(args) : "noargs") + ".log");
            ProcessBuilder pb = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
            // no terminal questions ("Enter admin password"), no colour codes
            pb.environment().put("AS_ADMIN_INTERACTIVE", "false");
            pb.environment().put("TERM", "dumb");
            Process process = pb.start();
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
                throw new IllegalStateException("asadmin " + String.join(" ", args) + " did not finish within "
                        + timeout.toSeconds() + " s; output: " + log);
            }
            String output = Files.readString(log, StandardCharsets.UTF_8);
            return new Result(List.of(args), process.exitValue(), output);
        } catch (IOException e) {
            throw new IllegalStateException("Cannot run " + executable, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while running asadmin " + String.join(" ", args), e);
        }
    }

    /** A file name from the subcommand (the first argument not starting with '-'). */
    private static String safe(String[] args) {
        for (String a : args) {
            if (!a.startsWith("-")) {
                Matcher m = Pattern.compile("[^A-Za-z0-9_-]").matcher(a);
                return m.replaceAll("_");
            }
        }
        return "cmd";
    }
}
