package org.plinth.security.audit;

import java.util.Arrays;
import java.util.Optional;

/** The security-relevant acts the audit trail records, by the code stored and filtered on. */
public enum AuditAction {
    JOB_SUBMIT("job.submit"),
    JOB_CANCEL("job.cancel"),
    JOB_RESTART("job.restart"),
    JOB_DELETE("job.delete"),
    KEY_CREATE("key.create"),
    KEY_REVOKE("key.revoke"),
    SHARE_GRANT("share.grant"),
    SHARE_REVOKE("share.revoke"),
    CALLBACK_SECRET_ROTATE("callback-secret.rotate"),
    ADMIN_RETENTION_RUN("admin.retention-run"),
    ADMIN_SLURM_TOKEN("admin.slurm-token"),
    ADMIN_APP_ENABLE("admin.app-enable"),
    ADMIN_APP_DISABLE("admin.app-disable"),
    ADMIN_QUOTA_SET("admin.quota-set"),
    ADMIN_QUOTA_RESET("admin.quota-reset"),
    /** Many refused credentials from one address in a short time: one event per burst. */
    AUTH_FAILURE_BURST("auth.failure-burst");

    private final String code;

    AuditAction(String code) {
        this.code = code;
    }

    public String code() {
        return code;
    }

    public static Optional<AuditAction> of(String code) {
        return Arrays.stream(values()).filter(a -> a.code.equals(code)).findFirst();
    }
}
