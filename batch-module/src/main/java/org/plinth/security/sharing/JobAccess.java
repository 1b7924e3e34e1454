package org.plinth.security.sharing;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.plinth.security.Caller;

/**
 * THE rule for who may do what with a job; the job service, input references (a job's outputs
 * as another job's inputs) and the share endpoints all ask here. Its owner and admins control
 * it; a user it is shared with may read it (status, logs, outputs, archive, result, use its
 * outputs as inputs) but not steer it; anyone else does not see it at all.
 */
@ApplicationScoped
public class JobAccess {

    public enum Level {
        /** Not even its existence: answered 404. */
        NONE,
        /** Shared with the caller: read, but steering is 403. */
        READ,
        /** Its owner or an admin. */
        CONTROL
    }

    @Inject
    JobShares shares;

    public Level of(Caller caller, String jobId, String owner) {
        if (caller.canSee(owner)) {
            return Level.CONTROL;
        }
        return shares.isShared(jobId, caller.name()) ? Level.READ : Level.NONE;
    }

    public boolean canRead(Caller caller, String jobId, String owner) {
        return of(caller, jobId, owner) != Level.NONE;
    }
}
