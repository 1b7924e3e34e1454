package org.plinth.security.sharing;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.time.OffsetDateTime;
import java.util.Objects;

/** Read access to one job granted to one user. Written only by {@link JobShares}. */
@Entity
@Table(name = "job_share")
@IdClass(JobShare.Key.class)
public class JobShare {

    @Id
    @Column(name = "job_id")
    String jobId;
    @Id
    String grantee;
    @Column(name = "granted_by")
    String grantedBy;
    @Column(name = "granted_at")
    OffsetDateTime grantedAt;

    public String jobId() { return jobId; }
    public String grantee() { return grantee; }
    public String grantedBy() { return grantedBy; }
    public OffsetDateTime grantedAt() { return grantedAt; }

    /** The primary key (job, grantee). */
    public static class Key implements Serializable {
        String jobId;
        String grantee;

        public Key() {
        }

        Key(String jobId, String grantee) {
            this.jobId = jobId;
            this.grantee = grantee;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && Objects.equals(jobId, k.jobId) && Objects.equals(grantee, k.grantee);
        }

        @Override
        public int hashCode() {
            return Objects.hash(jobId, grantee);
        }
    }
}
