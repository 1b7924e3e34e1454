package org.plinth.files;

import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.function.LongFunction;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.plinth.problems.ProblemException;

/**
 * The bytes of uploaded files, under {@code <data-dir>/files/<first two chars of id>/<id>}. A
 * file arrives in {@code files/.incoming/} and is fsynced before it is renamed into place, so
 * a published blob is always whole. Blobs are read-only: jobs get hard links to them, and a job
 * writing into its input must not change the stored file.
 */
@ApplicationScoped
public class FileBlobs {

    /** The size of one chunk, and how many are in flight between reading and writing. */
    static final int BUFFER = 512 * 1024;
    static final int DEPTH = 3;

    @Inject
    @ConfigProperty(name = "plinth.data-dir", defaultValue = "plinth-data")
    String dataDir;
    @Resource
    ManagedExecutorService executor;

    /** A body written to a temporary file: its size and SHA-256, not yet published. */
    public record Received(Path temp, long size, String sha256) {
    }

    public Path root() {
        return Path.of(dataDir).toAbsolutePath().normalize().resolve("files");
    }

    Path incoming() {
        return root().resolve(".incoming");
    }

    public Path path(String id) {
        return root().resolve(id.substring(0, 2)).resolve(id);
    }

    /**
     * Streams a body into a temporary file while hashing it, then forces it to disk. More than
     * {@code maxBytes} fails with the problem {@code tooLarge} makes of the count so far; the
     * temporary file is removed on any failure, so a broken upload leaves nothing behind.
     *
     * <p>Reading the socket and hashing + writing each take a core's worth of CPU at disk
     * speed, so they run as a pipeline: this thread reads chunks, a second thread hashes and
     * writes them, with a few chunks in flight (a bounded, fixed amount of memory).
     */
    public Received receive(InputStream in, long maxBytes, LongFunction<ProblemException> tooLarge) throws IOException {
        Files.createDirectories(incoming());
        Path temp = incoming().resolve(UUID.randomUUID() + ".part");
        FileChannel out = FileChannel.open(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        ChunkWriter writer = new ChunkWriter(out);
        java.util.concurrent.ExecutorService pipeline = pipeline();
        Future<String> digest = pipeline != null ? pipeline.submit(writer) : null;
        boolean done = false;
        try {
            long total = 0;
            while (true) {
                byte[] buffer = writer.freeBuffer(digest);
                int n = readChunk(in, buffer);
                if (n > 0) {
                    total += n;
                    if (total > maxBytes) {
                        throw tooLarge.apply(total);
                    }
                    writer.put(new Chunk(buffer, n), digest);
                }
                if (n < buffer.length) {
                    break; // the body ended
                }
            }
            writer.put(Chunk.END, digest);
            String sha = digest != null ? await(digest) : writer.call();
            done = true;
            return new Received(temp, total, sha);
        } finally {
            if (!done) {
                writer.abort();
                if (digest != null) {
                    digest.cancel(true);
                }
            }
            out.close();
            if (!done) {
                Files.deleteIfExists(temp);
            }
        }
    }

    /** Where the writing half of an upload runs (none: inline, in unit tests). */
    java.util.concurrent.ExecutorService pipeline() {
        return executor;
    }

    /** Reads until the buffer is full or the body ends; answers how much it read. */
    private static int readChunk(InputStream in, byte[] buffer) throws IOException {
        int off = 0;
        while (off < buffer.length) {
            int n = in.read(buffer, off, buffer.length - off);
            if (n < 0) {
                break;
            }
            off += n;
        }
        return off;
    }

    private static String await(Future<String> digest) throws IOException {
        try {
            return digest.get();
        } catch (ExecutionException e) {
            throw e.getCause() instanceof IOException io ? io : new IOException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new java.io.InterruptedIOException("interrupted while writing an upload");
        }
    }

    /** A filled buffer on its way to the disk; END closes the stream. */
    record Chunk(byte[] buffer, int length) {
        static final Chunk END = new Chunk(new byte[0], -1);
    }

    /**
     * The second half of the pipeline: hashes and writes chunks in order, forces the file to
     * disk at the end, answers the SHA-256. Without an executor (unit tests) the reading thread
     * runs it inline, chunk by chunk.
     */
    final class ChunkWriter implements Callable<String> {
        private final FileChannel out;
        private final MessageDigest sha = Sha256.newDigest();
        private final BlockingQueue<Chunk> full = new ArrayBlockingQueue<>(DEPTH);
        private final BlockingQueue<byte[]> free = new ArrayBlockingQueue<>(DEPTH + 1);
        private volatile boolean aborted;

        ChunkWriter(FileChannel out) {
            this.out = out;
            for (int i = 0; i <= DEPTH; i++) {
                free.add(new byte[BUFFER]);
            }
        }

        @Override
        public String call() throws IOException {
            try {
                while (true) {
                    Chunk chunk = full.take();
                    if (chunk.length() < 0) {
                        out.force(true);
                        return Sha256.hex(sha);
                    }
                    write(chunk);
                    free.put(chunk.buffer());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new java.io.InterruptedIOException("upload writer interrupted");
            }
        }

        private void write(Chunk chunk) throws IOException {
            sha.update(chunk.buffer(), 0, chunk.length());
            ByteBuffer wrap = ByteBuffer.wrap(chunk.buffer(), 0, chunk.length());
            while (wrap.hasRemaining()) {
                out.write(wrap);
            }
        }

        /** A buffer to read into; waits while all are in flight, fails if the writer failed. */
        byte[] freeBuffer(Future<String> digest) throws IOException {
            if (digest == null) {
                return free.remove(); // inline: the buffer came back after its write
            }
            while (true) {
                failIfWriterEnded(digest);
                try {
                    byte[] b = free.poll(100, java.util.concurrent.TimeUnit.MILLISECONDS);
                    if (b != null) {
                        return b;
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new java.io.InterruptedIOException("interrupted while reading an upload");
                }
            }
        }

        void put(Chunk chunk, Future<String> digest) throws IOException {
            if (digest == null) {
                if (chunk.length() >= 0) {
                    write(chunk);
                    free.add(chunk.buffer());
                } else {
                    full.add(chunk); // call() then forces and answers the digest
                }
                return;
            }
            while (true) {
                failIfWriterEnded(digest);
                try {
                    if (full.offer(chunk, 100, java.util.concurrent.TimeUnit.MILLISECONDS)) {
                        return;
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new java.io.InterruptedIOException("interrupted while reading an upload");
                }
            }
        }

        private void failIfWriterEnded(Future<String> digest) throws IOException {
            if (digest.isDone() && !aborted) {
                await(digest); // throws the writer's failure
                throw new IOException("the upload writer ended early");
            }
        }

        void abort() {
            aborted = true;
            full.clear();
            full.offer(Chunk.END);
        }
    }

    /** Moves a received body into place under the id and makes it read-only. */
    public Path publish(Received received, String id) throws IOException {
        Path target = path(id);
        Files.createDirectories(target.getParent());
        try {
            Files.move(received.temp(), target, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(received.temp(), target);
        }
        try {
            Files.setPosixFilePermissions(target, PosixFilePermissions.fromString("r--r-----"));
        } catch (UnsupportedOperationException e) {
            target.toFile().setReadOnly();
        }
        return target;
    }

    public void discard(Received received) {
        try {
            Files.deleteIfExists(received.temp());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public void delete(String id) {
        try {
            Files.deleteIfExists(path(id));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete the bytes of file " + id, e);
        }
    }

    /** A blob on disk, for the start-up repair. */
    public record Blob(String id, Path path, Instant modified) {
    }

    /** Every published blob, and every temporary file left by an upload that never finished. */
    public List<Blob> all() throws IOException {
        List<Blob> blobs = new ArrayList<>();
        if (!Files.isDirectory(root())) {
            return blobs;
        }
        try (DirectoryStream<Path> dirs = Files.newDirectoryStream(root())) {
            for (Path dir : dirs) {
                if (!Files.isDirectory(dir)) {
                    continue;
                }
                try (DirectoryStream<Path> files = Files.newDirectoryStream(dir)) {
                    for (Path f : files) {
                        String name = f.getFileName().toString();
                        String id = dir.getFileName().toString().equals(".incoming") ? null : name;
                        blobs.add(new Blob(id, f, Files.getLastModifiedTime(f).toInstant()));
                    }
                }
            }
        }
        return blobs;
    }
}
