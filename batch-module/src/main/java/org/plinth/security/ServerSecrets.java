package org.plinth.security;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.security.SecureRandom;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Keys the server signs with (table {@code server_secret}): 256 random bits made once by
 * whichever instance asks first, the same for all instances afterwards, kept in memory.
 */
@ApplicationScoped
@Transactional
public class ServerSecrets {

    private static final SecureRandom RANDOM = new SecureRandom();

    @PersistenceContext(unitName = "plinth")
    EntityManager em;

    private final Map<String, byte[]> known = new ConcurrentHashMap<>();

    public byte[] of(String name) {
        byte[] secret = known.get(name);
        if (secret == null) {
            byte[] fresh = new byte[32];
            RANDOM.nextBytes(fresh);
            // two instances asking at once: one insert wins, both read the winner's
            em.createNativeQuery("INSERT INTO server_secret (name, secret, created_at) VALUES (?1, ?2, ?3) "
                            + "ON CONFLICT (name) DO NOTHING")
                    .setParameter(1, name).setParameter(2, fresh).setParameter(3, OffsetDateTime.now(ZoneOffset.UTC))
                    .executeUpdate();
            secret = (byte[]) em.createNativeQuery("SELECT secret FROM server_secret WHERE name = ?1")
                    .setParameter(1, name).getSingleResult();
            known.put(name, secret);
        }
        return secret.clone();
    }
}
