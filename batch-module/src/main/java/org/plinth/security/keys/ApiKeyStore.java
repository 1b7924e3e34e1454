package org.plinth.security.keys;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

/** Reads and writes personal key rows. */
@ApplicationScoped
@Transactional
public class ApiKeyStore {

    @PersistenceContext(unitName = "plinth")
    EntityManager em;

    ApiKey create(String owner, String name, String prefix, String keyHash, Set<String> roles, boolean readOnly,
                  OffsetDateTime createdAt, OffsetDateTime expiresAt) {
        ApiKey key = new ApiKey();
        key.id = UUID.randomUUID().toString();
        key.owner = owner;
        key.name = name;
        key.prefix = prefix;
        key.keyHash = keyHash;
        key.roles = String.join(",", new TreeSet<>(roles));
        key.readOnly = readOnly;
        key.createdAt = createdAt;
        key.expiresAt = expiresAt;
        em.persist(key);
        em.flush();
        return key;
    }

    /** The key with this digest unless it was revoked. */
    Optional<ApiKey> findUsable(String keyHash) {
        return em.createQuery("SELECT k FROM ApiKey k WHERE k.keyHash = :hash AND k.revokedAt IS NULL", ApiKey.class)
                .setParameter("hash", keyHash).getResultStream().findFirst();
    }

    Optional<ApiKey> find(String id) {
        return Optional.ofNullable(em.find(ApiKey.class, id));
    }

    /** An owner's keys that are not revoked (expired ones included, so they can be seen and removed). */
    List<ApiKey> list(String owner) {
        return em.createQuery("SELECT k FROM ApiKey k WHERE k.owner = :owner AND k.revokedAt IS NULL "
                        + "ORDER BY k.createdAt DESC, k.id", ApiKey.class)
                .setParameter("owner", owner).getResultList();
    }

    long countUsable(String owner, OffsetDateTime now) {
        return em.createQuery("SELECT COUNT(k) FROM ApiKey k WHERE k.owner = :owner AND k.revokedAt IS NULL "
                        + "AND (k.expiresAt IS NULL OR k.expiresAt > :now)", Long.class)
                .setParameter("owner", owner).setParameter("now", now).getSingleResult();
    }

    /** Marks the key revoked; answers false when it already was (or does not exist). */
    boolean revoke(String id, OffsetDateTime at) {
        ApiKey key = em.find(ApiKey.class, id, LockModeType.PESSIMISTIC_WRITE);
        if (key == null || key.revokedAt != null) {
            return false;
        }
        key.revokedAt = at;
        return true;
    }
}
