package org.plinth.files;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.plinth.problems.ProblemException;

/**
 * The limits on what users store, from configuration: the largest upload, each user's quota,
 * and the free space the data disk keeps, below which uploads and job starts are refused
 * (507) before the disk fills and running jobs fail.
 */
@ApplicationScoped
public class StorageLimits {

    @Inject
    Config config;
    @Inject
    UserQuotas userQuotas;
    @Inject
    @ConfigProperty(name = "plinth.data-dir", defaultValue = "plinth-data")
    String dataDir;

    // Read on every use, not injected once: an admin can change a limit at run time
    // (asadmin create-system-properties), within the server's config cache time.
    public long uploadBytes() {
        return value("plinth.limits.upload-bytes", 4L << 30);
    }

    /** The user's quota: an admin's (PUT /admin/quotas/{user}), else the configured one. */
    public Quota quota(String user) {
        return userQuotas.of(user).map(UserQuotas.UserQuota::quota).orElseGet(() -> configuredQuota(user));
    }

    /** plinth.quota.user.<name>.files/.bytes, else the defaults for everyone. */
    public Quota configuredQuota(String user) {
        Quota defaults = defaultQuota();
        return new Quota(value("plinth.quota.user." + user + ".files", defaults.files()),
                value("plinth.quota.user." + user + ".bytes", defaults.bytes()));
    }

    public Quota defaultQuota() {
        return new Quota(value("plinth.quota.files-per-user", 10_000L), value("plinth.quota.bytes-per-user", 50L << 30));
    }

    public long minFreeBytes() {
        return value("plinth.disk.min-free-bytes", 1L << 30);
    }

    private long value(String key, long fallback) {
        return config.getOptionalValue(key, Long.class).orElse(fallback);
    }

    /** Usable bytes on the data disk (-1 when it cannot be read). */
    public long freeBytes() {
        try {
            Path dir = Path.of(dataDir).toAbsolutePath();
            Files.createDirectories(dir);
            return Files.getFileStore(dir).getUsableSpace();
        } catch (IOException e) {
            return -1;
        }
    }

    /** Refuses (507) when writing {@code expected} more bytes would take the disk below the floor. */
    public void requireSpace(long expected, String what) {
        long free = freeBytes();
        long floor = minFreeBytes();
        if (free >= 0 && free - Math.max(0, expected) < floor) {
            throw new ProblemException(507, "Insufficient Storage", what + " refused: the data disk has "
                    + free + " bytes free and keeps at least " + floor + " free (plinth.disk.min-free-bytes)")
                    .with("freeBytes", free).with("minFreeBytes", floor);
        }
    }

    /**
     * The data disk filled up while writing (ENOSPC): the floor was still free when the write
     * began, but something else (a job, a parallel upload) took the space meanwhile.
     */
    public ProblemException diskFull(String what) {
        long free = freeBytes();
        long floor = minFreeBytes();
        return new ProblemException(507, "Insufficient Storage", what + " failed: the data disk is full ("
                + free + " bytes free; plinth.disk.min-free-bytes is " + floor + "); nothing of it was kept")
                .with("freeBytes", free).with("minFreeBytes", floor);
    }

    /**
     * Why a job that failed may have failed, when the data disk is below its floor: its outputs
     * (and even its exit status) could not be written. Empty while the disk has room.
     */
    public java.util.Optional<String> diskFullNote() {
        long free = freeBytes();
        long floor = minFreeBytes();
        if (free < 0 || free >= floor) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of("the data disk is full (" + free + " bytes free, below plinth.disk.min-free-bytes of "
                + floor + ")");
    }

    public ProblemException uploadTooLarge() {
        long limit = uploadBytes();
        return new ProblemException(413, "Payload Too Large",
                "the file is larger than the upload limit of " + limit + " bytes (plinth.limits.upload-bytes)")
                .with("limitBytes", limit);
    }

    public static ProblemException overQuota(Usage usage, Quota quota, long adding) {
        boolean count = usage.files() + 1 > quota.files();
        String detail = count
                ? "file quota exceeded: you store " + usage.files() + " files and may store " + quota.files()
                : "byte quota exceeded: you store " + usage.bytes() + " bytes, this file adds " + adding
                  + " and you may store " + quota.bytes();
        return new ProblemException(403, "Quota exceeded", detail)
                .with("quota", count ? "files" : "bytes")
                .with("usedFiles", usage.files()).with("quotaFiles", quota.files())
                .with("usedBytes", usage.bytes()).with("quotaBytes", quota.bytes());
    }
}
