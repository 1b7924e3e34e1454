package org.plinth.retention;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.util.List;

/**
 * The job rows retention reads and marks. A job whose outputs an unfinished job still reads is
 * left alone until that job ends.
 */
@ApplicationScoped
@Transactional
public class RetentionRecords {

    private static final String TERMINAL = "('SUCCEEDED', 'FAILED', 'CANCELLED', 'TIMED_OUT')";
    private static final String ACTIVE = "('NEW', 'QUEUED', 'STAGING', 'SUBMITTED', 'RUNNING', 'COLLECTING')";
    private static final String NOT_READ = " AND NOT EXISTS (SELECT 1 FROM job_input i JOIN job r ON r.id = i.job_id "
            + "WHERE i.source_job_id = j.id AND r.state IN " + ACTIVE + ")";
    static final int BATCH = 500;

    @PersistenceContext(unitName = "plinth")
    EntityManager em;

    @SuppressWarnings("unchecked")
    public List<String> dueForCompression(long days) {
        return em.createNativeQuery("SELECT j.id FROM job j WHERE j.state IN " + TERMINAL
                        + " AND j.workspace_state IS NULL AND j.finished_at < now() - make_interval(days => ?1)" + NOT_READ
                        + " ORDER BY j.finished_at LIMIT " + BATCH)
                .setParameter(1, (int) days).getResultList();
    }

    @SuppressWarnings("unchecked")
    public List<String> dueForDeletion(long days) {
        return em.createNativeQuery("SELECT j.id FROM job j WHERE j.state IN " + TERMINAL
                        + " AND (j.workspace_state IS NULL OR j.workspace_state <> 'DELETED')"
                        + " AND j.finished_at < now() - make_interval(days => ?1)" + NOT_READ
                        + " ORDER BY j.finished_at LIMIT " + BATCH)
                .setParameter(1, (int) days).getResultList();
    }

    /** Ended jobs of an app whose outputs may be stored compact, not yet compacted, ended more than {@code days} ago. */
    @SuppressWarnings("unchecked")
    public List<String> dueForCompaction(long days, String appId) {
        return em.createNativeQuery("SELECT j.id FROM job j WHERE j.state IN " + TERMINAL
                        + " AND j.app_id = ?2 AND j.workspace_state IS NULL AND j.compacted_at IS NULL"
                        + " AND j.finished_at < now() - make_interval(days => ?1)" + NOT_READ
                        + " ORDER BY j.finished_at LIMIT " + BATCH)
                .setParameter(1, (int) days).setParameter(2, appId).getResultList();
    }

    /** Claims a job for compaction (so two servers never compact one); false when it was taken or is being read. */
    public boolean markCompacted(String jobId) {
        return em.createNativeQuery("UPDATE job j SET compacted_at = now() WHERE j.id = ?1 AND j.compacted_at IS NULL "
                        + "AND j.workspace_state IS NULL AND j.state IN " + TERMINAL + NOT_READ)
                .setParameter(1, jobId).executeUpdate() == 1;
    }

    @SuppressWarnings("unchecked")
    public List<String> compressedOrDeleted() {
        return em.createNativeQuery("SELECT id FROM job WHERE workspace_state IS NOT NULL "
                + "AND updated_at > now() - interval '7 days'").getResultList();
    }

    /** Marks a job's workspace compressed, if it still has one and nobody started reading it. */
    public boolean markCompressed(String jobId, long bytes) {
        return mark(jobId, "COMPRESSED", bytes, "workspace_state IS NULL");
    }

    public boolean markDeleted(String jobId, long bytes) {
        return mark(jobId, "DELETED", bytes, "(workspace_state IS NULL OR workspace_state <> 'DELETED')");
    }

    private boolean mark(String jobId, String state, long bytes, String condition) {
        return em.createNativeQuery("UPDATE job j SET workspace_state = ?1, workspace_bytes = ?2, updated_at = now() "
                        + "WHERE j.id = ?3 AND j.state IN " + TERMINAL + " AND " + condition + NOT_READ)
                .setParameter(1, state).setParameter(2, bytes).setParameter(3, jobId).executeUpdate() == 1;
    }
}
