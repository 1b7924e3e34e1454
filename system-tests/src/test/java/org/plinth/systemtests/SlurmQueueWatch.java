package org.plinth.systemtests;

import java.io.IOException;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * SLURM's own record of its jobs, read with {@code squeue -t all} every few seconds in the
 * background, so the reliability tests can tell from SLURM (not from Plinth) how many SLURM jobs
 * each Plinth job became. SLURM keeps an ended job visible for MinJobAge (300 s on the dev
 * cluster), so polling every few seconds sees every job that ever existed during a test.
 */
final class SlurmQueueWatch implements AutoCloseable {

    private final Map<String, Set<Long>> idsByName = new ConcurrentHashMap<>();
    private final Map<Long, String> stateById = new ConcurrentHashMap<>();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "squeue-watch");
        t.setDaemon(true);
        return t;
    });
    private volatile String lastFailure;

    private SlurmQueueWatch() {
    }

    /** Starts polling; skips the test (RequiredTools) when squeue is not there. */
    static SlurmQueueWatch start() {
        SlurmQueueWatch watch = new SlurmQueueWatch();
        try {
            watch.poll();
        } catch (IOException e) {
            RequiredTools.missing("squeue (SLURM's client) cannot be run: " + e.getMessage());
        }
        watch.timer.scheduleWithFixedDelay(() -> {
            try {
                watch.poll();
                watch.lastFailure = null;
            } catch (IOException | RuntimeException e) {
                watch.lastFailure = e.toString();
            }
        }, 2, 2, TimeUnit.SECONDS);
        return watch;
    }

    /** One {@code squeue -h -t all -o '%i|%j|%T'}: every job SLURM still knows, with its name and state. */
    synchronized void poll() throws IOException {
        Process p = new ProcessBuilder("squeue", "-h", "-t", "all", "-o", "%i|%j|%T").redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        try {
            if (p.waitFor() != 0) {
                throw new IOException("squeue failed: " + out.strip());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
        for (String line : out.split("\n")) {
            String[] f = line.strip().split("\\|", 3);
            if (f.length == 3 && f[0].matches("\\d+")) {
                long id = Long.parseLong(f[0]);
                idsByName.computeIfAbsent(f[1], k -> ConcurrentHashMap.newKeySet()).add(id);
                stateById.put(id, f[2]);
            }
        }
    }

    /** The SLURM job ids ever seen with this name. */
    Set<Long> idsNamed(String name) {
        return idsByName.getOrDefault(name, Set.of());
    }

    /** SLURM's last seen state of a job (COMPLETED, FAILED, CANCELLED, …), or null. */
    String state(long id) {
        return stateById.get(id);
    }

    /** The SLURM job name Plinth gives a job (SlurmJobSpec.nameFor). */
    static String nameOf(String plinthJobId) {
        return "plinth-" + plinthJobId;
    }

    /** Stops polling after one last look. */
    @Override
    public void close() {
        timer.shutdownNow();
        try {
            timer.awaitTermination(10, TimeUnit.SECONDS);
            poll();
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException("the last squeue failed: " + e + (lastFailure == null ? "" : "; before: " + lastFailure), e);
        }
    }
}
