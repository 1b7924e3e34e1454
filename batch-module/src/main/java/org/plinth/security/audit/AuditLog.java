package org.plinth.security.audit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.TypedQuery;
import jakarta.transaction.Transactional;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import org.plinth.security.Caller;

/**
 * Writes and reads the audit trail. A write joins the caller's transaction when there is one
 * (a submit's event commits, or rolls back, with the job: one insert, no second commit) and
 * runs in its own otherwise.
 */
@ApplicationScoped
@Transactional
public class AuditLog {

    public static final String OK = "ok";
    public static final String REFUSED = "refused";

    @PersistenceContext(unitName = "plinth")
    EntityManager em;

    public void record(Caller actor, AuditAction action, String target, String targetOwner, String detail) {
        record(actor.name(), actor.address(), action, target, targetOwner, OK, detail);
    }

    public void record(String actor, String address, AuditAction action, String target, String targetOwner,
                       String outcome, String detail) {
        AuditEvent e = new AuditEvent();
        e.at = OffsetDateTime.now(ZoneOffset.UTC);
        e.actor = cut(actor, 200);
        e.address = cut(address, 64);
        e.action = action.code();
        e.target = cut(target, 300);
        e.targetOwner = cut(targetOwner, 200);
        e.outcome = outcome;
        e.detail = detail;
        em.persist(e);
    }

    public AuditPage find(AuditQuery q) {
        StringBuilder where = new StringBuilder(" WHERE 1 = 1");
        if (q.user() != null) {
            where.append(" AND (e.actor = :user OR e.targetOwner = :user)");
        }
        if (!q.actions().isEmpty()) {
            where.append(" AND e.action IN :actions");
        }
        if (q.since() != null) {
            where.append(" AND e.at >= :since");
        }
        if (q.until() != null) {
            where.append(" AND e.at < :until");
        }
        TypedQuery<AuditEvent> page = em.createQuery("SELECT e FROM AuditEvent e" + where
                + " ORDER BY e.at DESC, e.id DESC", AuditEvent.class);
        TypedQuery<Long> count = em.createQuery("SELECT COUNT(e) FROM AuditEvent e" + where, Long.class);
        for (TypedQuery<?> t : List.of(page, count)) {
            if (q.user() != null) {
                t.setParameter("user", q.user());
            }
            if (!q.actions().isEmpty()) {
                t.setParameter("actions", q.actions().stream().map(AuditAction::code).toList());
            }
            if (q.since() != null) {
                t.setParameter("since", q.since());
            }
            if (q.until() != null) {
                t.setParameter("until", q.until());
            }
        }
        return new AuditPage(page.setFirstResult(q.offset()).setMaxResults(q.limit()).getResultList(),
                count.getSingleResult(), q.offset(), q.limit());
    }

    private static String cut(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max);
    }
}
