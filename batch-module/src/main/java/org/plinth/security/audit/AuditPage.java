package org.plinth.security.audit;

import java.util.List;

/** One page of the audit trail, newest first. */
public record AuditPage(List<AuditEvent> events, long total, int offset, int limit) {
}
