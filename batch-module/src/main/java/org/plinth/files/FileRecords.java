package org.plinth.files;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.TypedQuery;
import jakarta.transaction.Transactional;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Reads and writes file records and the job inputs that refer to them. */
@ApplicationScoped
@Transactional
public class FileRecords {

    /** The first key of the per-owner advisory lock; the scheduler's lock is 7001. */
    private static final int OWNER_LOCK = 7002;

    @PersistenceContext(unitName = "plinth")
    EntityManager em;

    /** One page of a file listing, newest first. */
    public record Page(List<StoredFile> files, long total, int offset, int limit) {
    }

    /**
     * Stores the record if the owner stays within the quota, counted under a per-owner lock
     * so two uploads at once cannot both slip under it; answers the usage that refused it.
     */
    public Optional<Usage> createWithin(StoredFile file, Quota quota) {
        em.createNativeQuery("SELECT pg_advisory_xact_lock(?1, hashtext(?2))")
                .setParameter(1, OWNER_LOCK).setParameter(2, file.owner).getSingleResult();
        Usage usage = usage(file.owner);
        if (usage.files() + 1 > quota.files() || usage.bytes() + file.size > quota.bytes()) {
            return Optional.of(usage);
        }
        em.persist(file);
        em.flush();
        return Optional.empty();
    }

    public Optional<StoredFile> find(String id) {
        return Optional.ofNullable(em.find(StoredFile.class, id));
    }

    /** Files of one owner (everyone's when owner is null), newest first. */
    public Page list(String owner, int offset, int limit) {
        String where = owner == null ? "" : " WHERE f.owner = :owner";
        TypedQuery<StoredFile> page = em.createQuery("SELECT f FROM StoredFile f" + where
                + " ORDER BY f.createdAt DESC, f.id DESC", StoredFile.class);
        TypedQuery<Long> count = em.createQuery("SELECT COUNT(f) FROM StoredFile f" + where, Long.class);
        if (owner != null) {
            page.setParameter("owner", owner);
            count.setParameter("owner", owner);
        }
        return new Page(page.setFirstResult(offset).setMaxResults(limit).getResultList(),
                count.getSingleResult(), offset, limit);
    }

    /** Every owner's usage, by owner. */
    public java.util.Map<String, Usage> usageByOwner() {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery(
                "SELECT owner, COUNT(*), COALESCE(SUM(size), 0) FROM stored_file GROUP BY owner ORDER BY owner").getResultList();
        java.util.Map<String, Usage> byOwner = new java.util.TreeMap<>();
        for (Object[] r : rows) {
            byOwner.put((String) r[0], new Usage(((Number) r[1]).longValue(), ((Number) r[2]).longValue()));
        }
        return byOwner;
    }

    public Usage usage(String owner) {
        Object[] row = (Object[]) em.createNativeQuery(
                        "SELECT COUNT(*), COALESCE(SUM(size), 0) FROM stored_file WHERE owner = ?1")
                .setParameter(1, owner).getSingleResult();
        return new Usage(((Number) row[0]).longValue(), ((Number) row[1]).longValue());
    }

    /**
     * Deletes the record unless a job that has not ended reads the file; answers the ids of
     * those jobs (empty: deleted). The file's row is locked first, and a submit locks it too
     * (shared) while it records its inputs, so no job can start using a file being deleted.
     */
    public List<String> deleteUnlessInUse(String id, Collection<String> activeStates) {
        StoredFile file = em.find(StoredFile.class, id, LockModeType.PESSIMISTIC_WRITE);
        if (file == null) {
            return List.of();
        }
        var query = em.createNativeQuery("SELECT i.job_id FROM job_input i JOIN job j ON j.id = i.job_id "
                + "WHERE i.file_id = ?1 AND j.state IN (" + placeholders(activeStates.size(), 2) + ") "
                + "ORDER BY i.job_id LIMIT 20").setParameter(1, id);
        int i = 2;
        for (String state : activeStates) {
            query.setParameter(i++, state);
        }
        @SuppressWarnings("unchecked")
        List<String> users = query.getResultList();
        if (users.isEmpty()) {
            em.remove(file);
        }
        return users;
    }

    /** The ids of all file records among the given ones (for the start-up repair). */
    public Set<String> existing(Collection<String> ids) {
        if (ids.isEmpty()) {
            return Set.of();
        }
        return Set.copyOf(em.createQuery("SELECT f.id FROM StoredFile f WHERE f.id IN :ids", String.class)
                .setParameter("ids", ids).getResultList());
    }

    private static String placeholders(int n, int first) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < n; i++) {
            s.append(i == 0 ? "" : ", ").append('?').append(first + i);
        }
        return s.toString();
    }
}
