package org.plinth.jobs.inputs;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.util.List;
import org.plinth.problems.ProblemException;

/** Reads and writes the rows that say which files a job reads. */
@ApplicationScoped
@Transactional
public class JobInputs {

    @PersistenceContext(unitName = "plinth")
    EntityManager em;

    /**
     * Records a new job's inputs, in the transaction that creates the job. Each uploaded file's
     * row and each source job's row is share-locked meanwhile: a delete of it waits, then sees
     * this job using it.
     */
    public void add(String jobId, List<InputSource> sources) {
        for (InputSource s : sources) {
            if (s.fileId() != null && em.createNativeQuery("SELECT id FROM stored_file WHERE id = ?1 FOR SHARE")
                    .setParameter(1, s.fileId()).getResultList().isEmpty()) {
                throw ProblemException.badRequest(s.inputField() != null ? "inputs." + s.inputField() : "files." + s.path(),
                        "no file " + s.fileId() + " (deleted just now)");
            }
            if (s.sourceJobId() != null && em.createNativeQuery("SELECT id FROM job WHERE id = ?1 AND workspace_state IS NULL FOR SHARE")
                    .setParameter(1, s.sourceJobId()).getResultList().isEmpty()) {
                throw ProblemException.badRequest(s.inputField() != null ? "inputs." + s.inputField() : "files." + s.path(),
                        "job " + s.sourceJobId() + " was deleted or its workspace compressed just now");
            }
            JobInput row = new JobInput();
            row.jobId = jobId;
            row.path = s.path();
            row.source = s.source();
            row.fileId = s.fileId();
            row.sourceJobId = s.sourceJobId();
            row.sourcePath = s.sourcePath();
            row.inputField = s.inputField();
            row.unpack = s.unpack();
            em.persist(row);
        }
    }

    public List<JobInput> of(String jobId) {
        return em.createQuery("SELECT i FROM JobInput i WHERE i.jobId = :job ORDER BY i.path", JobInput.class)
                .setParameter("job", jobId).getResultList();
    }

    /** The provenance of a staged file: what exactly the job read. */
    public void recordStaged(String jobId, String path, String sha256, long size) {
        JobInput row = em.find(JobInput.class, new JobInput.Key(jobId, path));
        if (row != null) {
            row.sha256 = sha256;
            row.size = size;
        }
    }
}
