package org.plinth.security.audit;

import java.time.OffsetDateTime;
import java.util.Set;

/**
 * A filter on the audit trail: events by or about {@code user} (actor or target owner), of one
 * of {@code actions} (empty: all), at or after {@code since}, before {@code until}; null: any.
 */
public record AuditQuery(String user, Set<AuditAction> actions, OffsetDateTime since, OffsetDateTime until,
                         int offset, int limit) {
    public AuditQuery {
        actions = Set.copyOf(actions);
    }
}
