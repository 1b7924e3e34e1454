package org.plinth.jobs.inputs;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import org.plinth.files.FileBlobs;
import org.plinth.files.FileRecords;
import org.plinth.files.Sha256;
import org.plinth.files.StorageLimits;
import org.plinth.files.StoredFile;
import org.plinth.workspace.Workspaces;

/**
 * Puts a job's input files into its workspace before the app runs. An uploaded file is hard
 * linked (its blob is read-only, so the job cannot change the stored file; a copy when the
 * server runs as root, which ignores that, or the data folder spans file systems); another
 * job's output is copied, so that job's files stay as they were. Each staged file's SHA-256 and size are recorded on the job.
 */
@ApplicationScoped
public class InputStaging {

    @Inject
    JobInputs inputs;
    @Inject
    FileRecords files;
    @Inject
    FileBlobs blobs;
    @Inject
    Workspaces workspaces;
    @Inject
    StorageLimits limits;
    @Inject
    org.plinth.retention.CompactedOutputs compacted;

    public void stage(String jobId, Path workspace) throws IOException {
        List<JobInput> rows = inputs.of(jobId);
        for (JobInput row : rows) {
            Path target = workspace.resolve(row.path()).normalize();
            if (!target.startsWith(workspace) || !Workspaces.isSafeRelative(row.path())) {
                throw new IOException("input path " + row.path() + " leaves the workspace"); // checked at submit; never trust twice
            }
            Path source;
            String sha256 = null;
            if (row.fileId() != null) {
                StoredFile file = files.find(row.fileId())
                        .orElseThrow(() -> new IOException("the file " + row.fileId() + " (" + row.source() + ") was deleted"));
                source = blobs.path(file.id());
                sha256 = file.sha256();
            } else {
                // restored to its own format when retention stored it compact
                source = compacted.readable(row.sourceJobId(), row.sourcePath())
                        .orElseThrow(() -> new IOException("job " + row.sourceJobId() + " no longer has the output "
                                + row.sourcePath()));
            }
            removeEarlier(target, workspace);
            if (row.unpack()) {
                long room = Math.max(0, limits.freeBytes() - limits.minFreeBytes());
                new ArchiveUnpacker(room).unpack(source, target);
                inputs.recordStaged(jobId, row.path(), sha256 != null ? sha256 : Sha256.of(source), Files.size(source));
            } else {
                createParents(workspace, target);
                if (row.fileId() != null) {
                    link(source, target);
                    inputs.recordStaged(jobId, row.path(), sha256, Files.size(target));
                } else {
                    String copied = copyHashing(source, target);
                    inputs.recordStaged(jobId, row.path(), copied, Files.size(target));
                }
            }
        }
    }

    /** A restarted stage finds what the first attempt staged: start over for that path. */
    private static void removeEarlier(Path target, Path workspace) {
        if (Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
            Workspaces.deleteTree(target);
        }
    }

    private static void createParents(Path workspace, Path target) throws IOException {
        Path parent = target.getParent();
        Files.createDirectories(parent);
        if (!parent.toRealPath().startsWith(workspace.toRealPath())) {
            throw new IOException("input path " + workspace.relativize(target) + " leads out of the workspace");
        }
    }

    /**
     * A hard link when the blob's read-only mode protects it; a copy when this process could
     * write it anyway (running as root, which ignores file modes) or the link fails (another
     * file system).
     */
    private static void link(Path blob, Path target) throws IOException {
        if (!Files.isWritable(blob)) {
            try {
                Files.createLink(target, blob);
                return;
            } catch (FileSystemException | UnsupportedOperationException e) {
                // fall through to a copy
            }
        }
        Files.copy(blob, target);
    }

    private static String copyHashing(Path source, Path target) throws IOException {
        try (OutputStream out = Files.newOutputStream(target, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE,
                LinkOption.NOFOLLOW_LINKS)) {
            return Sha256.copy(Files.newInputStream(source), out);
        }
    }
}
