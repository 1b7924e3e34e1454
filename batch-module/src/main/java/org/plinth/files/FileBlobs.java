package org.plinth.files;

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

    static final int BUFFER = 256 * 1024;

    @Inject
    @ConfigProperty(name = "plinth.data-dir", defaultValue = "plinth-data")
    String dataDir;

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
     */
    public Received receive(InputStream in, long maxBytes, LongFunction<ProblemException> tooLarge) throws IOException {
        Files.createDirectories(incoming());
        Path temp = incoming().resolve(UUID.randomUUID() + ".part");
        MessageDigest sha = Sha256.newDigest();
        boolean done = false;
        try (FileChannel out = FileChannel.open(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            byte[] buffer = new byte[BUFFER];
            ByteBuffer wrap = ByteBuffer.wrap(buffer);
            long total = 0;
            int n;
            while ((n = in.read(buffer)) >= 0) {
                if (n == 0) {
                    continue;
                }
                total += n;
                if (total > maxBytes) {
                    throw tooLarge.apply(total);
                }
                sha.update(buffer, 0, n);
                wrap.clear().limit(n);
                while (wrap.hasRemaining()) {
                    out.write(wrap);
                }
            }
            out.force(true);
            done = true;
            return new Received(temp, total, Sha256.hex(sha));
        } finally {
            if (!done) {
                Files.deleteIfExists(temp);
            }
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
