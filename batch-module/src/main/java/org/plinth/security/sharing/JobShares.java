package org.plinth.security.sharing;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.util.List;

/** Reads and writes job shares. A job's shares go with it (ON DELETE CASCADE). */
@ApplicationScoped
@Transactional
public class JobShares {

    @PersistenceContext(unitName = "plinth")
    EntityManager em;
    @jakarta.inject.Inject
    jakarta.enterprise.event.Event<SharesChanged> changed;

    /** Grants read access; answers false when the grantee had it already (PUT is idempotent). */
    public boolean grant(String jobId, String grantee, String grantedBy) {
        // ON CONFLICT: two grants at once must not make one of them a 500
        int inserted = em.createNativeQuery("INSERT INTO job_share (job_id, grantee, granted_by, granted_at) "
                        + "VALUES (?1, ?2, ?3, now()) ON CONFLICT DO NOTHING")
                .setParameter(1, jobId).setParameter(2, grantee).setParameter(3, grantedBy).executeUpdate();
        changed.fire(new SharesChanged(jobId));
        return inserted == 1;
    }

    /** Takes read access back; answers whether there was any. */
    public boolean revoke(String jobId, String grantee) {
        changed.fire(new SharesChanged(jobId));
        return em.createQuery("DELETE FROM JobShare s WHERE s.jobId = :job AND s.grantee = :grantee")
                .setParameter("job", jobId).setParameter("grantee", grantee).executeUpdate() > 0;
    }

    public List<JobShare> of(String jobId) {
        return em.createQuery("SELECT s FROM JobShare s WHERE s.jobId = :job ORDER BY s.grantee", JobShare.class)
                .setParameter("job", jobId).getResultList();
    }

    public boolean isShared(String jobId, String grantee) {
        return !em.createNativeQuery("SELECT 1 FROM job_share WHERE job_id = ?1 AND grantee = ?2")
                .setParameter(1, jobId).setParameter(2, grantee).getResultList().isEmpty();
    }
}
