package org.plinth.security.audit;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;

/** One row of the audit trail; written once by {@link AuditLog}, never changed. */
@Entity
@Table(name = "audit_event")
public class AuditEvent {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    Long id;
    OffsetDateTime at;
    String actor;
    String address;
    String action;
    String target;
    @Column(name = "target_owner")
    String targetOwner;
    String outcome;
    String detail;

    public long id() { return id; }
    public OffsetDateTime at() { return at; }
    public String actor() { return actor; }
    public String address() { return address; }
    public String action() { return action; }
    public String target() { return target; }
    public String targetOwner() { return targetOwner; }
    public String outcome() { return outcome; }
    public String detail() { return detail; }

    /** Whether someone acted on what another user owns (an admin cancelling a user's job, say). */
    public boolean byOther() {
        return targetOwner != null && !targetOwner.equals(actor);
    }
}
