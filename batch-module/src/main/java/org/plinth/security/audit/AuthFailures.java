package org.plinth.security.audit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Refused credentials (unknown, revoked or expired keys, refused tokens): a burst from one
 * address ({@code plinth.audit.auth-failures.threshold} within
 * {@code plinth.audit.auth-failures.window-seconds}) becomes one audit event.
 */
@ApplicationScoped
public class AuthFailures {

    @Inject
    AuditLog audit;
    @Inject
    @ConfigProperty(name = "plinth.audit.auth-failures.threshold", defaultValue = "5")
    int threshold;
    @Inject
    @ConfigProperty(name = "plinth.audit.auth-failures.window-seconds", defaultValue = "60")
    int windowSeconds;

    private volatile FailureBursts bursts;

    public void failed(String address, String reason) {
        int count = bursts().failed(address, System.currentTimeMillis());
        if (count > 0) {
            audit.record("-", address, AuditAction.AUTH_FAILURE_BURST, null, null, AuditLog.REFUSED,
                    count + " refused credentials within " + windowSeconds + " s (last: " + reason + ")");
        }
    }

    private FailureBursts bursts() {
        FailureBursts b = bursts;
        if (b == null) {
            synchronized (this) {
                if (bursts == null) {
                    bursts = new FailureBursts(Math.max(1, threshold), Math.max(1, windowSeconds) * 1000L);
                }
                b = bursts;
            }
        }
        return b;
    }
}
