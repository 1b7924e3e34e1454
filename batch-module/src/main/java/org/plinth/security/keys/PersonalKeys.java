package org.plinth.security.keys;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.plinth.problems.ProblemException;
import org.plinth.security.Caller;
import org.plinth.security.audit.AuditAction;
import org.plinth.security.audit.AuditLog;

/**
 * Personal API keys: made by a user for scripts, shown once, kept as a digest, revoked at once.
 * A key acts as its owner with the roles the owner had when making it (or fewer): users from
 * Keycloak have no directory Plinth could ask later, and a key must never outgrow its maker.
 */
@ApplicationScoped
public class PersonalKeys {

    @Inject
    ApiKeyStore store;
    @Inject
    AuditLog audit;
    @Inject
    @ConfigProperty(name = "plinth.keys.cache-seconds", defaultValue = "30")
    int cacheSeconds;
    @Inject
    @ConfigProperty(name = "plinth.keys.max-per-user", defaultValue = "100")
    int maxPerUser;

    private volatile KeyCache cache;

    @Transactional
    public IssuedKey create(Caller caller, NewKey request) {
        Set<String> roles = request.roles() == null ? caller.roles() : request.roles();
        if (!caller.roles().containsAll(roles)) {
            Set<String> beyond = new TreeSet<>(roles);
            beyond.removeAll(caller.roles());
            throw ProblemException.badRequest("roles", "a key cannot have roles its maker lacks: " + beyond);
        }
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        if (request.expiresAt() != null && !request.expiresAt().isAfter(now.toInstant())) {
            throw ProblemException.badRequest("expiresAt", "must be in the future");
        }
        if (store.countUsable(caller.name(), now) >= maxPerUser) {
            throw ProblemException.conflict("you have " + maxPerUser + " usable keys, the most allowed; revoke one first");
        }
        String secret = KeySecrets.generate();
        ApiKey key = store.create(caller.name(), request.name(), KeySecrets.prefix(secret), KeySecrets.digest(secret),
                roles, request.readOnly(), now,
                request.expiresAt() == null ? null : request.expiresAt().atOffset(ZoneOffset.UTC));
        audit.record(caller, AuditAction.KEY_CREATE, "key:" + key.id(), key.owner(),
                "name=" + key.name() + ", prefix=" + key.prefix() + (key.readOnly() ? ", read-only" : "")
                        + (key.expiresAt() != null ? ", expires " + key.expiresAt().toInstant() : ""));
        return new IssuedKey(secret, key);
    }

    /** The caller's keys, or (admins only) another user's; never the secrets, which are not kept. */
    public List<ApiKey> list(Caller caller, String user) {
        String owner = user == null ? caller.name() : user;
        if (!caller.canSee(owner)) {
            throw ProblemException.forbidden("only an admin may list another user's keys");
        }
        return store.list(owner);
    }

    /** Revokes a key of the caller's (an admin: anyone's); unknown, revoked or others' keys are 404. */
    @Transactional
    public void revoke(Caller caller, String id) {
        ApiKey key = store.find(id).filter(k -> k.revokedAt() == null && caller.canSee(k.owner()))
                .orElseThrow(() -> ProblemException.notFound("no key " + id));
        store.revoke(id, OffsetDateTime.now(ZoneOffset.UTC));
        cache().forget(id, System.currentTimeMillis());
        audit.record(caller, AuditAction.KEY_REVOKE, "key:" + id, key.owner(), "name=" + key.name() + ", prefix=" + key.prefix());
    }

    /** Checks a presented key; runs on every request that carries one, so it is answered from a cache when it can. */
    public KeyCheck check(String presented) {
        if (!KeySecrets.looksLikePersonalKey(presented)) {
            return new KeyCheck.Unknown();
        }
        String hash = KeySecrets.digest(presented);
        long now = System.currentTimeMillis();
        KeyCache keys = cache();
        Optional<UsableKey> key = keys.get(hash, now);
        if (key.isEmpty()) {
            key = store.findUsable(hash).map(UsableKey::of);
            key.ifPresent(k -> keys.put(k, now));
        }
        // the lookup was by digest already; compare once more in constant time rather than trust the index's equality
        return key.filter(k -> KeySecrets.sameDigest(k.hash(), hash) && !keys.isRevoked(k.id()))
                .map(k -> k.check(Instant.ofEpochMilli(now)))
                .orElseGet(KeyCheck.Unknown::new);
    }

    private KeyCache cache() {
        KeyCache c = cache;
        if (c == null) {
            synchronized (this) {
                if (cache == null) {
                    cache = new KeyCache(Math.max(0, cacheSeconds) * 1000L, 10_000);
                }
                c = cache;
            }
        }
        return c;
    }
}
