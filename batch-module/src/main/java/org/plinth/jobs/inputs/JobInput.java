package org.plinth.jobs.inputs;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.util.Objects;

/**
 * A file a job reads from outside its workspace (an upload or another job's output), staged at
 * {@link #path()} in the workspace. The row exists from submit on, which is what keeps a file
 * in use from being deleted; sha256 and size are filled in when it is staged (provenance).
 */
@Entity
@Table(name = "job_input")
@IdClass(JobInput.Key.class)
public class JobInput {

    @Id
    @Column(name = "job_id")
    String jobId;
    @Id
    String path;
    /** The reference as the user wrote it: a file id or job:<id>/<path>. */
    String source;
    @Column(name = "file_id")
    String fileId;
    @Column(name = "source_job_id")
    String sourceJobId;
    @Column(name = "source_path")
    String sourcePath;
    /** The app input this file is for, or null for an entry of the job's files map. */
    @Column(name = "input_field")
    String inputField;
    /** Whether the archive is unpacked into the directory at path instead of copied. */
    boolean unpack;
    String sha256;
    Long size;

    public String jobId() { return jobId; }
    public String path() { return path; }
    public String source() { return source; }
    public String fileId() { return fileId; }
    public String sourceJobId() { return sourceJobId; }
    public String sourcePath() { return sourcePath; }
    public String inputField() { return inputField; }
    public boolean unpack() { return unpack; }
    public String sha256() { return sha256; }
    public Long size() { return size; }

    /** The composite key (job, path). */
    public static class Key implements Serializable {
        String jobId;
        String path;

        public Key() {
        }

        public Key(String jobId, String path) {
            this.jobId = jobId;
            this.path = path;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && Objects.equals(jobId, k.jobId) && Objects.equals(path, k.path);
        }

        @Override
        public int hashCode() {
            return Objects.hash(jobId, path);
        }
    }
}
