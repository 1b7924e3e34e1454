package org.plinth.retention;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.validation.Validator;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.plinth.api.App;
import org.plinth.api.CompactOutputs;
import org.plinth.apps.AppRegistry;
import org.plinth.apps.InputBinder;
import org.plinth.jobs.Job;
import org.plinth.jobs.JobStore;
import org.plinth.jobs.JsonText;
import org.plinth.jobs.sweep.Sweep;
import org.plinth.workspace.Workspaces;

/**
 * Outputs that retention stored compact, in the form their app designed ({@link CompactOutputs}:
 * ASTRA's particle files as float32), and the way back. A compact output sits beside where the
 * original was, as {@code <name>.compact}; whoever reads the original (the outputs endpoints, a
 * later job staging it) gets it restored in its own format, from a copy made at the first read
 * and kept for an hour ({@code <data>/restored/<job>/<path>}).
 */
@ApplicationScoped
public class CompactedOutputs {

    public static final String SUFFIX = ".compact";
    private static final Logger LOG = Logger.getLogger(CompactedOutputs.class.getName());
    /** How long a restored copy is kept after it was made. */
    static final Duration CACHE_LIFE = Duration.ofHours(1);

    @Inject
    AppRegistry apps;
    @Inject
    Workspaces workspaces;
    @Inject
    JobStore jobs;
    @Inject
    Validator validator;

    /** What compacting one job did. */
    public record Compaction(int files, long savedBytes) {
    }

    /** The ids of the apps whose outputs can be stored compact. */
    public List<String> appIds() {
        return apps.enabled().stream().filter(a -> a instanceof CompactOutputs<?>).map(a -> a.info().id()).toList();
    }

    /**
     * Stores the outputs the job's app names compact (each point's, for a sweep). A file the app
     * cannot compact, or that would not get smaller, stays as it is.
     */
    Compaction compact(Job job) {
        Optional<CompactOutputs<?>> codec = codecOf(job);
        if (codec.isEmpty()) {
            return new Compaction(0, 0);
        }
        App<?> app = apps.installed(job.appId());
        Path workspace = workspaces.of(job.id());
        JsonObject stored = JsonText.parseObject(job.inputs());
        int files = 0;
        long saved = 0;
        Optional<Sweep> sweep = job.sweepPoints();
        int points = sweep.map(Sweep::points).orElse(1);
        for (int p = 1; p <= points; p++) {
            Path dir = sweep.isPresent() ? workspace.resolve(sweep.get().folder(p)) : workspace;
            JsonObject inputs = sweep.isPresent() ? sweep.get().inputsAt(stored, p) : stored;
            if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
                continue;
            }
            List<CompactOutputs.Compactable> chosen;
            try {
                chosen = compactable(app, codec.get(), inputs, dir);
            } catch (IOException | RuntimeException e) {
                LOG.log(Level.WARNING, "retention: the app " + job.appId() + " cannot name the outputs of job " + job.id()
                        + " to compact", e);
                continue;
            }
            for (CompactOutputs.Compactable c : chosen) {
                long s = compactOne(job, codec.get(), dir, c);
                if (s >= 0) {
                    files++;
                    saved += s;
                }
            }
        }
        evict(job.id());
        return new Compaction(files, saved);
    }

    @SuppressWarnings("unchecked")
    private <I extends Record> List<CompactOutputs.Compactable> compactable(App<I> app, CompactOutputs<?> codec,
                                                                           JsonObject inputs, Path dir) throws IOException {
        I bound = new InputBinder(validator).bind(app.inputType(), inputs, "inputs");
        return ((CompactOutputs<I>) codec).compactable(bound, dir);
    }

    /** Answers the bytes saved, or -1 when the file stays as it is. */
    private long compactOne(Job job, CompactOutputs<?> codec, Path dir, CompactOutputs.Compactable c) {
        Path original = dir.resolve(c.path()).normalize();
        if (!original.startsWith(dir) || Workspaces.isHostPath(dir.relativize(original))
                || !Files.isRegularFile(original, LinkOption.NOFOLLOW_LINKS) || original.toString().endsWith(SUFFIX)) {
            return -1;
        }
        Path compact = original.resolveSibling(original.getFileName() + SUFFIX);
        Path temp = original.resolveSibling(original.getFileName() + SUFFIX + ".part");
        try {
            codec.compact(original, temp, c.relativeError());
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
                channel.force(true); // on disk before the original goes
            }
            long before = Files.size(original);
            long after = Files.size(temp);
            if (after >= before) {
                Files.delete(temp);
                return -1;
            }
            Files.move(temp, compact, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            Files.delete(original);
            return before - after;
        } catch (IOException | RuntimeException e) {
            LOG.log(Level.INFO, "retention: job " + job.id() + ": " + c.path() + " kept as it is: " + e.getMessage());
            try {
                Files.deleteIfExists(temp);
            } catch (IOException ignored) {
                // the next round's compaction of this job never comes; a stray .part is only bytes
            }
            return -1;
        }
    }

    /** The compact form of an output, when retention stored it so (and the original is gone). */
    public Optional<Path> compactFormOf(Job job, String relative) {
        if (job.compactedAt() == null || relative.endsWith(SUFFIX) || codecOf(job).isEmpty()) {
            return Optional.empty();
        }
        if (workspaces.resolveInside(job.id(), relative).filter(p -> Files.exists(p, LinkOption.NOFOLLOW_LINKS)).isPresent()) {
            return Optional.empty();
        }
        return workspaces.resolveInside(job.id(), relative + SUFFIX).filter(Files::isRegularFile);
    }

    /** The name an output had before it was stored compact, for a path in the workspace; empty if it is no compact output. */
    public Optional<String> originalName(Job job, String relative) {
        if (job.compactedAt() == null || !relative.endsWith(SUFFIX)) {
            return Optional.empty();
        }
        String original = relative.substring(0, relative.length() - SUFFIX.length());
        return compactFormOf(job, original).isPresent() ? Optional.of(original) : Optional.empty();
    }

    /** An output of a job as a readable file: the original, or its restored copy when it was stored compact. */
    public Optional<Path> readable(String jobId, String relative) throws IOException {
        Optional<Path> file = workspaces.resolveInside(jobId, relative).filter(Files::isRegularFile);
        if (file.isPresent()) {
            return file;
        }
        Optional<Job> job = jobs.find(jobId);
        if (job.isPresent() && compactFormOf(job.get(), relative).isPresent()) {
            return Optional.of(restored(job.get(), relative));
        }
        return Optional.empty();
    }

    /** The output in its own format again: a copy restored from its compact form at the first read. */
    public Path restored(Job job, String relative) throws IOException {
        Path compact = compactFormOf(job, relative)
                .orElseThrow(() -> new java.nio.file.NoSuchFileException(relative + SUFFIX));
        CompactOutputs<?> codec = codecOf(job).orElseThrow(() -> new IOException("the app " + job.appId()
                + " that stored " + relative + " compact is not available to restore it"));
        Path root = cacheOf(job.id());
        Path copy = root.resolve(relative).normalize();
        if (!copy.startsWith(root)) {
            throw new IOException(relative + " leaves the job's folder");
        }
        if (Files.isRegularFile(copy) && Files.getLastModifiedTime(copy).compareTo(Files.getLastModifiedTime(compact)) >= 0) {
            return copy;
        }
        Files.createDirectories(copy.getParent());
        Path temp = Files.createTempFile(copy.getParent(), ".restore", ".part");
        try {
            try (OutputStream out = Files.newOutputStream(temp)) {
                codec.restore(compact, out);
            }
            Files.move(temp, copy, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(temp);
        }
        return copy;
    }

    /** Forgets the restored copies of a job (its workspace changed or went). */
    public void evict(String jobId) {
        Workspaces.deleteTree(cacheOf(jobId));
    }

    /** Removes restored copies older than {@link #CACHE_LIFE}; answers how many. */
    int cleanCache() {
        Path root = workspaces.root().resolve("restored");
        if (!Files.isDirectory(root)) {
            return 0;
        }
        Instant before = Instant.now().minus(CACHE_LIFE);
        List<Path> old = new ArrayList<>();
        try {
            Files.walkFileTree(root, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes a) {
                    if (a.lastModifiedTime().toInstant().isBefore(before)) {
                        old.add(file);
                    }
                    return FileVisitResult.CONTINUE;
                }
            });
            for (Path file : old) {
                Files.deleteIfExists(file);
            }
        } catch (IOException e) {
            LOG.log(Level.FINE, "retention: cannot clean the restored copies", e);
        }
        return old.size();
    }

    private Path cacheOf(String jobId) {
        return workspaces.root().resolve("restored").resolve(jobId);
    }

    private Optional<CompactOutputs<?>> codecOf(Job job) {
        return apps.find(job.appId()).filter(a -> a instanceof CompactOutputs<?>).map(a -> (CompactOutputs<?>) a);
    }
}
