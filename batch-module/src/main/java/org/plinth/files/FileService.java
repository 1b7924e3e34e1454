package org.plinth.files;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.logging.Logger;
import java.util.regex.Pattern;
import org.plinth.problems.ProblemException;
import org.plinth.security.Caller;
import org.plinth.workspace.Outputs;

/**
 * What a user can do with uploaded files: store one (within the size limit, their quota and
 * the disk's free-space floor), list, read and delete their own. Another user's file answers
 * 404, as if it did not exist; an admin sees all.
 */
@ApplicationScoped
public class FileService {

    private static final Logger LOG = Logger.getLogger(FileService.class.getName());
    private static final Pattern MEDIA_TYPE = Pattern.compile("[a-z0-9][a-z0-9!#$&^_.+-]{0,63}/[a-z0-9][a-z0-9!#$&^_.+-]{0,126}");
    /** The job states in which a job still reads its inputs. */
    static final List<String> ACTIVE_STATES = List.of("NEW", "QUEUED", "STAGING", "SUBMITTED", "RUNNING", "COLLECTING");

    @Inject
    FileRecords records;
    @Inject
    FileBlobs blobs;
    @Inject
    StorageLimits limits;

    /** What the uploader says about a file; null fields are guessed or left empty. */
    public record Meta(String name, String mediaType, String description) {
    }

    /**
     * Receives an upload's bytes into a temporary file. It refuses at once when the declared
     * length is over a limit or the disk is short, and stops reading as soon as a limit is
     * passed; nothing is kept when it fails.
     */
    public FileBlobs.Received receive(Caller caller, InputStream body, long declaredLength) throws IOException {
        Quota quota = limits.quota(caller.name());
        Usage usage = records.usage(caller.name());
        if (usage.files() + 1 > quota.files()) {
            throw StorageLimits.overQuota(usage, quota, Math.max(0, declaredLength));
        }
        long room = quota.bytes() - usage.bytes();
        if (declaredLength > limits.uploadBytes()) {
            throw limits.uploadTooLarge();
        }
        if (declaredLength > room) {
            throw StorageLimits.overQuota(usage, quota, declaredLength);
        }
        limits.requireSpace(Math.max(0, declaredLength), "the upload");
        long max = Math.min(limits.uploadBytes(), room);
        try {
            return blobs.receive(body, max, count -> count > limits.uploadBytes()
                    ? limits.uploadTooLarge() : StorageLimits.overQuota(usage, quota, count));
        } catch (IOException e) {
            if (DiskFull.causes(e)) {
                throw limits.diskFull("the upload"); // receive removed what it had written
            }
            throw e;
        }
    }

    /** Publishes received bytes and commits their record; the record exists only with its bytes. */
    public StoredFile store(Caller caller, Meta meta, FileBlobs.Received received) throws IOException {
        StoredFile file = new StoredFile();
        file.id = UUID.randomUUID().toString();
        file.owner = caller.name();
        file.name = checkedName(meta.name());
        file.mediaType = meta.mediaType() != null ? checkedMediaType(meta.mediaType())
                : Outputs.mediaType(Path.of(file.name));
        file.description = checkedDescription(meta.description());
        file.size = received.size();
        file.sha256 = received.sha256();
        file.createdAt = OffsetDateTime.now(ZoneOffset.UTC);
        blobs.publish(received, file.id);
        boolean committed = false;
        try {
            Quota quota = limits.quota(caller.name());
            var refused = records.createWithin(file, quota);
            if (refused.isPresent()) {
                throw StorageLimits.overQuota(refused.get(), quota, file.size);
            }
            committed = true;
            return file;
        } finally {
            if (!committed) {
                blobs.delete(file.id);
            }
        }
    }

    public StoredFile get(Caller caller, String id) {
        return records.find(id).filter(f -> caller.canSee(f.owner()))
                .orElseThrow(() -> ProblemException.notFound("no file " + id));
    }

    public FileRecords.Page list(Caller caller, int offset, int limit) {
        return records.list(caller.isAdmin() ? null : caller.name(), offset, limit);
    }

    public Path content(StoredFile file) {
        return blobs.path(file.id());
    }

    public Usage usage(Caller caller) {
        return records.usage(caller.name());
    }

    /** Deletes a file no unfinished job reads (409 naming the jobs otherwise). */
    public void delete(Caller caller, String id) {
        get(caller, id);
        List<String> users = records.deleteUnlessInUse(id, ACTIVE_STATES);
        if (!users.isEmpty()) {
            throw ProblemException.conflict("file " + id + " is used by " + (users.size() == 1 ? "job " : "jobs ")
                    + String.join(", ", users) + ", which " + (users.size() == 1 ? "has" : "have")
                    + " not ended; delete it after " + (users.size() == 1 ? "it ends" : "they end"));
        }
        blobs.delete(id); // a crash before this leaves an orphan, which the start-up repair removes
    }

    /** Refuses bad metadata before any byte is read. */
    public static void checkMeta(Meta meta) {
        checkedName(meta.name());
        if (meta.mediaType() != null) {
            checkedMediaType(meta.mediaType());
        }
        checkedDescription(meta.description());
    }

    /** A file name is one plain path segment: it names the file when it is downloaded or staged. */
    static String checkedName(String name) {
        String field = "name";
        if (name == null || name.isBlank()) {
            throw ProblemException.badRequest(field, "is required (a file name, e.g. image.fits)");
        }
        if (name.getBytes(java.nio.charset.StandardCharsets.UTF_8).length > 255) {
            throw ProblemException.badRequest(field, "must be at most 255 bytes in UTF-8");
        }
        if (name.equals(".") || name.equals("..")) {
            throw ProblemException.badRequest(field, "must not be . or ..");
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c == '/' || c == '\\') {
                throw ProblemException.badRequest(field, "must be a file name without / or \\");
            }
            if (c < 0x20 || c == 0x7f) {
                throw ProblemException.badRequest(field, "must not contain control characters or NUL");
            }
        }
        return name;
    }

    static String checkedMediaType(String type) {
        String t = type.trim().toLowerCase(Locale.ROOT);
        int semicolon = t.indexOf(';');
        String base = semicolon < 0 ? t : t.substring(0, semicolon).trim();
        if (!MEDIA_TYPE.matcher(base).matches()) {
            throw ProblemException.badRequest("type", "must be a media type such as text/csv or application/fits");
        }
        return base;
    }

    static String checkedDescription(String description) {
        if (description != null && description.length() > 4000) {
            throw ProblemException.badRequest("description", "must be at most 4000 characters");
        }
        return description;
    }

    /** Removes blobs without a record and upload leftovers older than {@code grace}. */
    public int repair(java.time.Duration grace) throws IOException {
        java.time.Instant before = java.time.Instant.now().minus(grace);
        List<FileBlobs.Blob> old = blobs.all().stream().filter(b -> b.modified().isBefore(before)).toList();
        List<String> ids = old.stream().map(FileBlobs.Blob::id).filter(java.util.Objects::nonNull).toList();
        java.util.Set<String> known = new java.util.HashSet<>();
        for (int i = 0; i < ids.size(); i += 1000) {
            known.addAll(records.existing(ids.subList(i, Math.min(ids.size(), i + 1000))));
        }
        int removed = 0;
        for (FileBlobs.Blob b : old) {
            if (b.id() == null || !known.contains(b.id())) {
                java.nio.file.Files.deleteIfExists(b.path());
                removed++;
            }
        }
        if (removed > 0) {
            int n = removed;
            LOG.info(() -> "file repair: removed " + n + " blobs without a record or unfinished uploads");
        }
        return removed;
    }
}
