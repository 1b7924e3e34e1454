package org.plinth.retention;

import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.plinth.files.FileService;
import org.plinth.workspace.TarGzWriter;
import org.plinth.workspace.Workspaces;

/**
 * Keeps the data disk from filling with old results, as the ASTRA web API's compress-sim
 * does: after {@code compact-after-days} the outputs an app names are stored in its compact
 * form (ASTRA's particle files as float32 within the user's error bound, restored when read; see
 * {@link CompactedOutputs}); the workspace of a job that ended more than {@code compress-after-days} ago becomes one
 * tar.gz (its outputs and logs), and after {@code delete-after-days} that goes too. The job's
 * record stays, marked. A round runs every {@code interval-minutes} and on an admin's request;
 * it also removes upload leftovers a crash left behind.
 */
@ApplicationScoped
public class Retention {

    private static final Logger LOG = Logger.getLogger(Retention.class.getName());

    @Inject
    RetentionRecords records;
    @Inject
    Workspaces workspaces;
    @Inject
    FileService files;
    @Inject
    CompactedOutputs compactedOutputs;
    @Inject
    org.plinth.jobs.JobStore jobs;
    /** After how many days the outputs an app names (ASTRA's particle files) are stored compact; 0: never. */
    @Inject
    @ConfigProperty(name = "plinth.retention.compact-after-days", defaultValue = "7")
    long compactAfterDays;
    @Inject
    @ConfigProperty(name = "plinth.retention.compress-after-days", defaultValue = "30")
    long compressAfterDays;
    @Inject
    @ConfigProperty(name = "plinth.retention.delete-after-days", defaultValue = "0")
    long deleteAfterDays;
    @Inject
    @ConfigProperty(name = "plinth.retention.interval-minutes", defaultValue = "60")
    long intervalMinutes;
    /** Upload leftovers younger than this may belong to an upload still running (here or on another instance). */
    @Inject
    @ConfigProperty(name = "plinth.files.orphan-grace-minutes", defaultValue = "10")
    long orphanGraceMinutes;
    @Resource
    ManagedScheduledExecutorService timer;

    private final ReentrantLock running = new ReentrantLock();
    private ScheduledFuture<?> rounds;

    public synchronized void startRounds() {
        if (rounds == null && intervalMinutes > 0) {
            rounds = timer.scheduleWithFixedDelay(this::scheduledRound, intervalMinutes, intervalMinutes, TimeUnit.MINUTES);
        }
    }

    public synchronized void stopRounds() {
        if (rounds != null) {
            rounds.cancel(false);
            rounds = null;
        }
    }

    private void scheduledRound() {
        try {
            RetentionReport r = run();
            if (r.compacted() + r.compressed() + r.deleted() + r.orphansRemoved() > 0) {
                LOG.info(() -> "retention: " + r);
            }
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "retention round failed", e);
        }
    }

    /** At start-up: what a crash left half done (an upload's bytes without a record). */
    public int repairAfterCrash() {
        try {
            return files.repair(Duration.ofMinutes(orphanGraceMinutes));
        } catch (IOException e) {
            LOG.log(Level.WARNING, "file repair failed", e);
            return 0;
        }
    }

    /** The archive a compressed workspace became. */
    public Path archiveOf(String jobId) {
        return workspaces.root().resolve("jobs").resolve(jobId + ".tar.gz");
    }

    /** Runs one round now; a round already running on this server is waited for, not doubled. */
    public RetentionReport run() {
        long t0 = System.nanoTime();
        running.lock();
        try {
            int compressed = 0;
            int deleted = 0;
            long freed = 0;
            if (deleteAfterDays > 0) {
                for (String id : records.dueForDeletion(deleteAfterDays)) {
                    long before = sizeOf(workspaces.of(id)) + sizeOf(archiveOf(id));
                    if (records.markDeleted(id, before)) {
                        compactedOutputs.evict(id);
                        Workspaces.deleteTree(workspaces.of(id));
                        deleteQuietly(archiveOf(id));
                        freed += before;
                        deleted++;
                    }
                }
            }
            int compacted = 0;
            int compactedFiles = 0;
            if (compactAfterDays > 0) {
                for (String app : compactedOutputs.appIds()) {
                    for (String id : records.dueForCompaction(compactAfterDays, app)) {
                        var job = jobs.find(id);
                        if (job.isEmpty() || !records.markCompacted(id)) {
                            continue; // deleted, taken by another server, or read by a job that runs now
                        }
                        CompactedOutputs.Compaction c = compactedOutputs.compact(job.get());
                        compacted++;
                        compactedFiles += c.files();
                        freed += c.savedBytes();
                    }
                }
            }
            compactedOutputs.cleanCache();
            if (compressAfterDays > 0) {
                for (String id : records.dueForCompression(compressAfterDays)) {
                    try {
                        long saved = compress(id);
                        if (saved >= 0) {
                            freed += saved;
                            compressed++;
                        }
                    } catch (IOException e) {
                        LOG.log(Level.WARNING, "retention: cannot compress the workspace of job " + id, e);
                    }
                }
            }
            // A crash between marking and deleting leaves a folder behind: finish the job now.
            for (String id : records.compressedOrDeleted()) {
                if (Files.exists(workspaces.of(id), LinkOption.NOFOLLOW_LINKS)) {
                    freed += sizeOf(workspaces.of(id));
                    Workspaces.deleteTree(workspaces.of(id));
                }
            }
            int orphans = files.repair(Duration.ofMinutes(orphanGraceMinutes));
            return new RetentionReport(compacted, compactedFiles, compressed, deleted, freed, orphans,
                    (System.nanoTime() - t0) / 1_000_000);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } finally {
            running.unlock();
        }
    }

    /**
     * Writes the workspace as a tar.gz beside it (fsynced, then renamed into place), marks the
     * job, then removes the folder; answers the bytes saved, or -1 when the job was taken meanwhile.
     */
    long compress(String jobId) throws IOException {
        Path workspace = workspaces.of(jobId);
        Path archive = archiveOf(jobId);
        long before = sizeOf(workspace);
        if (Files.isDirectory(workspace, LinkOption.NOFOLLOW_LINKS)) {
            Path temp = archive.resolveSibling(jobId + ".tar.gz.part");
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING)) {
                OutputStream out = Channels.newOutputStream(channel);
                try (TarGzWriter tar = new TarGzWriter(nonClosing(out))) {
                    for (Path file : regularFiles(workspace)) {
                        tar.addFile(workspace.relativize(file).toString(), file);
                    }
                }
                channel.force(true);
            } catch (IOException | RuntimeException e) {
                Files.deleteIfExists(temp);
                throw e;
            }
            Files.move(temp, archive, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        }
        if (!records.markCompressed(jobId, before)) {
            Files.deleteIfExists(archive);
            return -1;
        }
        compactedOutputs.evict(jobId);
        Workspaces.deleteTree(workspace);
        return before - (Files.exists(archive) ? Files.size(archive) : 0);
    }

    private static List<Path> regularFiles(Path dir) throws IOException {
        try (var walk = Files.walk(dir)) {
            return walk.filter(p -> Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)).sorted().toList();
        }
    }

    static long sizeOf(Path path) {
        if (!Files.exists(path, LinkOption.NOFOLLOW_LINKS)) {
            return 0;
        }
        try (var walk = Files.walk(path)) {
            return walk.filter(p -> Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)).mapToLong(p -> {
                try {
                    return Files.size(p);
                } catch (IOException e) {
                    return 0;
                }
            }).sum();
        } catch (IOException | java.io.UncheckedIOException e) {
            return 0;
        }
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            LOG.warning(() -> "retention: cannot delete " + file + ": " + e);
        }
    }

    private static OutputStream nonClosing(OutputStream out) {
        return new java.io.FilterOutputStream(out) {
            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                out.write(b, off, len);
            }

            @Override
            public void close() throws IOException {
                flush(); // the channel is forced, then closed, by its owner
            }
        };
    }
}
