package org.plinth.apps;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.eclipse.microprofile.config.Config;
import org.plinth.security.Caller;
import org.plinth.security.audit.AuditAction;
import org.plinth.security.audit.AuditLog;

/**
 * Apps an admin switched on or off at run time (table {@code app_setting}). Every submit asks,
 * so the few rows are kept in memory for {@code plinth.apps.switch-cache-seconds} (5): another
 * server instance sees a change within that time, this one at once.
 */
@ApplicationScoped
@Transactional
public class AppSwitches {

    /** An admin's choice for one app. */
    public record AppSwitch(String appId, boolean enabled, String changedBy, OffsetDateTime changedAt) {
    }

    private record Snapshot(Map<String, AppSwitch> byApp, long readAt) {
    }

    @PersistenceContext(unitName = "plinth")
    EntityManager em;
    @Inject
    AuditLog audit;
    @Inject
    Config config;

    private volatile Snapshot snapshot;

    public Optional<AppSwitch> of(String appId) {
        return Optional.ofNullable(all().get(appId));
    }

    public Map<String, AppSwitch> all() {
        Snapshot s = snapshot;
        long maxAge = (long) (config.getOptionalValue("plinth.apps.switch-cache-seconds", Double.class).orElse(5.0) * 1e9);
        if (s == null || System.nanoTime() - s.readAt() > maxAge) {
            s = read();
            snapshot = s;
        }
        return s.byApp();
    }

    private Snapshot read() {
        long at = System.nanoTime();
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("SELECT app_id, enabled, changed_by, changed_at FROM app_setting")
                .getResultList();
        Map<String, AppSwitch> byApp = new HashMap<>();
        for (Object[] r : rows) {
            byApp.put((String) r[0], new AppSwitch((String) r[0], (Boolean) r[1], (String) r[2], timestamp(r[3])));
        }
        return new Snapshot(Map.copyOf(byApp), at);
    }

    /** Records the admin's choice, audited; takes effect on this instance at once. */
    public AppSwitch set(Caller admin, String appId, boolean enabled) {
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        em.createNativeQuery("INSERT INTO app_setting (app_id, enabled, changed_by, changed_at) VALUES (?1, ?2, ?3, ?4) "
                        + "ON CONFLICT (app_id) DO UPDATE SET enabled = EXCLUDED.enabled, "
                        + "changed_by = EXCLUDED.changed_by, changed_at = EXCLUDED.changed_at")
                .setParameter(1, appId).setParameter(2, enabled).setParameter(3, admin.name()).setParameter(4, now)
                .executeUpdate();
        audit.record(admin, enabled ? AuditAction.ADMIN_APP_ENABLE : AuditAction.ADMIN_APP_DISABLE, "app:" + appId, null,
                enabled ? "enabled" : "disabled");
        AppSwitch made = new AppSwitch(appId, enabled, admin.name(), now);
        Map<String, AppSwitch> byApp = new HashMap<>(all());
        byApp.put(appId, made);
        snapshot = new Snapshot(Map.copyOf(byApp), System.nanoTime());
        return made;
    }

    static OffsetDateTime timestamp(Object value) {
        if (value instanceof OffsetDateTime o) {
            return o;
        }
        if (value instanceof java.sql.Timestamp t) {
            return t.toInstant().atOffset(ZoneOffset.UTC);
        }
        if (value instanceof java.time.Instant i) {
            return i.atOffset(ZoneOffset.UTC);
        }
        throw new IllegalStateException("unexpected timestamp type " + value.getClass());
    }
}
