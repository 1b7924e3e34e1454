package org.plinth.callbacks;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.security.SecureRandom;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HexFormat;
import org.plinth.security.Caller;
import org.plinth.security.audit.AuditAction;
import org.plinth.security.audit.AuditLog;

/** Each user's callback secret: made on first use, replaced on request. */
@ApplicationScoped
@Transactional
public class CallbackSecrets {

    private static final SecureRandom RANDOM = new SecureRandom();

    @PersistenceContext(unitName = "plinth")
    EntityManager em;
    @Inject
    AuditLog audit;

    /** The user's secret, made now if they have none (two first uses at once agree on one). */
    public CallbackSecret of(String owner) {
        CallbackSecret existing = em.find(CallbackSecret.class, owner);
        if (existing != null) {
            return existing;
        }
        em.createNativeQuery("INSERT INTO callback_secret (owner, secret, created_at) VALUES (?1, ?2, ?3) "
                        + "ON CONFLICT (owner) DO NOTHING")
                .setParameter(1, owner).setParameter(2, fresh()).setParameter(3, OffsetDateTime.now(ZoneOffset.UTC))
                .executeUpdate();
        return em.find(CallbackSecret.class, owner);
    }

    /** Replaces the caller's secret; deliveries not yet sent are signed with the new one. */
    public CallbackSecret rotate(Caller caller) {
        CallbackSecret secret = of(caller.name());
        secret.secret = fresh();
        secret.createdAt = OffsetDateTime.now(ZoneOffset.UTC);
        audit.record(caller, AuditAction.CALLBACK_SECRET_ROTATE, "user:" + caller.name(), caller.name(), null);
        return secret;
    }

    /** 256 random bits, hex: the HMAC key as the user copies it. */
    private static String fresh() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return "pcs_" + HexFormat.of().formatHex(bytes);
    }
}
