package org.plinth.jobs;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.util.List;
import org.plinth.problems.ProblemException;
import org.plinth.security.Caller;
import org.plinth.security.audit.AuditAction;
import org.plinth.security.audit.AuditLog;
import org.plinth.security.sharing.JobShare;
import org.plinth.security.sharing.JobShares;

/**
 * The owner of a job (or an admin) lets another user read it, and takes that back. There is no
 * user directory to check a name against (users come from Keycloak), so any well-formed name
 * can be granted; a share with a name nobody signs in as is harmless.
 */
@ApplicationScoped
public class JobSharing {

    @Inject
    JobService jobs;
    @Inject
    JobShares shares;
    @Inject
    AuditLog audit;

    /** Answers true when the share is new, false when the user had it already. */
    @Transactional
    public boolean grant(Caller caller, String jobId, String user) {
        Job job = jobs.control(caller, jobId);
        checkUser(user);
        if (user.equals(job.owner())) {
            throw ProblemException.badRequest("user", "'" + user + "' owns job " + jobId + " already");
        }
        boolean created = shares.grant(jobId, user, caller.name());
        if (created) {
            audit.record(caller, AuditAction.SHARE_GRANT, "job:" + jobId, job.owner(), "read access for " + user);
        }
        return created;
    }

    @Transactional
    public void revoke(Caller caller, String jobId, String user) {
        Job job = jobs.control(caller, jobId);
        checkUser(user);
        if (!shares.revoke(jobId, user)) {
            throw ProblemException.notFound("job " + jobId + " is not shared with " + user);
        }
        audit.record(caller, AuditAction.SHARE_REVOKE, "job:" + jobId, job.owner(), "read access for " + user);
    }

    public List<JobShare> list(Caller caller, String jobId) {
        jobs.control(caller, jobId);
        return shares.of(jobId);
    }

    private static void checkUser(String user) {
        if (!Caller.isUserName(user)) {
            throw ProblemException.badRequest("user", "must be a user name: 1 to 200 letters, digits or . _ @ + -, "
                    + "starting with a letter or digit");
        }
    }
}
