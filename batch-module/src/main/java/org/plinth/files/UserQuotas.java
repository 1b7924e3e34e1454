package org.plinth.files;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.plinth.security.Caller;
import org.plinth.security.audit.AuditAction;
import org.plinth.security.audit.AuditLog;

/**
 * Quotas an admin set for single users (table {@code user_quota}). Read at every upload, not
 * cached: one primary-key lookup next to the upload itself, and every server instance agrees at once.
 */
@ApplicationScoped
@Transactional
public class UserQuotas {

    /** An admin's quota for one user. */
    public record UserQuota(String user, long files, long bytes, String changedBy, OffsetDateTime changedAt) {

        public Quota quota() {
            return new Quota(files, bytes);
        }
    }

    @PersistenceContext(unitName = "plinth")
    EntityManager em;
    @Inject
    AuditLog audit;

    public Optional<UserQuota> of(String user) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery(
                        "SELECT user_name, max_files, max_bytes, changed_by, changed_at FROM user_quota WHERE user_name = ?1")
                .setParameter(1, user).getResultList();
        return rows.stream().findFirst().map(UserQuotas::row);
    }

    public List<UserQuota> all() {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery(
                "SELECT user_name, max_files, max_bytes, changed_by, changed_at FROM user_quota ORDER BY user_name")
                .getResultList();
        return rows.stream().map(UserQuotas::row).toList();
    }

    /** Sets the user's quota, audited. Files already stored stay, even above it: only new uploads are refused. */
    public UserQuota set(Caller admin, String user, long files, long bytes) {
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        em.createNativeQuery("INSERT INTO user_quota (user_name, max_files, max_bytes, changed_by, changed_at) "
                        + "VALUES (?1, ?2, ?3, ?4, ?5) ON CONFLICT (user_name) DO UPDATE SET max_files = EXCLUDED.max_files, "
                        + "max_bytes = EXCLUDED.max_bytes, changed_by = EXCLUDED.changed_by, changed_at = EXCLUDED.changed_at")
                .setParameter(1, user).setParameter(2, files).setParameter(3, bytes).setParameter(4, admin.name())
                .setParameter(5, now).executeUpdate();
        audit.record(admin, AuditAction.ADMIN_QUOTA_SET, "quota:" + user, user, "files=" + files + ", bytes=" + bytes);
        return new UserQuota(user, files, bytes, admin.name(), now);
    }

    /** Drops the admin's quota for the user (configuration applies again); false if there was none. */
    public boolean reset(Caller admin, String user) {
        int removed = em.createNativeQuery("DELETE FROM user_quota WHERE user_name = ?1").setParameter(1, user).executeUpdate();
        if (removed > 0) {
            audit.record(admin, AuditAction.ADMIN_QUOTA_RESET, "quota:" + user, user, "back to the configured quota");
        }
        return removed > 0;
    }

    private static UserQuota row(Object[] r) {
        OffsetDateTime at = r[4] instanceof java.sql.Timestamp t ? t.toInstant().atOffset(ZoneOffset.UTC)
                : r[4] instanceof OffsetDateTime o ? o : ((java.time.Instant) r[4]).atOffset(ZoneOffset.UTC);
        return new UserQuota((String) r[0], ((Number) r[1]).longValue(), ((Number) r[2]).longValue(), (String) r[3], at);
    }
}
