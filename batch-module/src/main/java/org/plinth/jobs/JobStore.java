package org.plinth.jobs;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.plinth.jobs.events.JobEvent;
import org.plinth.security.Caller;
import org.plinth.security.audit.AuditAction;
import org.plinth.security.audit.AuditLog;

/**
 * Reads and writes job rows. Every change locks the row first ({@code SELECT … FOR UPDATE}), so
 * the API, the scheduler and the batch steps — on this server or another — see one order of
 * events; every state change also appends a {@link Transition}. Reads run in a transaction
 * too: Payara's non-transactional EntityManager, used from batch threads under load, fails
 * with "closed EntityManager" errors.
 */
@ApplicationScoped
@Transactional
public class JobStore {

    @PersistenceContext(unitName = "plinth")
    EntityManager em;
    @jakarta.inject.Inject
    org.plinth.jobs.inputs.JobInputs inputs;
    @jakarta.inject.Inject
    AuditLog audit;
    /** Observed in the transaction (callback outbox) and after commit (SSE, the event bus). */
    @jakarta.inject.Inject
    jakarta.enterprise.event.Event<JobEvent> events;

    static OffsetDateTime now() {
        return OffsetDateTime.now(ZoneOffset.UTC);
    }

    /** Stores a new job and its audit event in one transaction: the event exists exactly when the job does. */
    public Job create(NewJob spec, String node, Caller by) {
        Job job = new Job();
        job.id = UUID.randomUUID().toString();
        job.owner = spec.owner();
        job.appId = spec.appId();
        job.appVersion = spec.appVersion();
        job.name = spec.name();
        job.tags = JsonText.array(spec.tags());
        job.inputs = spec.inputsJson();
        job.cores = spec.resources().cores();
        job.memoryMb = spec.resources().memoryMb();
        job.walltimeSeconds = spec.resources().walltimeSeconds();
        job.gpus = spec.gpus();
        job.executor = spec.executor();
        job.node = node;
        job.state = spec.start() ? JobState.QUEUED : JobState.NEW;
        job.createdAt = job.updatedAt = now();
        job.idempotencyKey = spec.idempotencyKey();
        job.rerunOf = spec.rerunOf();
        job.callbackUrl = spec.callbackUrl();
        job.sweep = spec.sweepJson();
        em.persist(job);
        long eventId = ((Number) em.createNativeQuery("SELECT nextval('job_event_seq')").getSingleResult()).longValue();
        em.persist(new Transition(job.id, 1, job.state, job.createdAt, null, eventId));
        fireState(job, eventId, 1, job.createdAt, null);
        inputs.add(job.id, spec.inputFiles());
        audit.record(by, AuditAction.JOB_SUBMIT, "job:" + job.id, job.owner,
                "app=" + job.appId + (job.rerunOf != null ? ", rerun of " + job.rerunOf : ""));
        em.flush();
        return job;
    }

    public Optional<Job> find(String id) {
        return Optional.ofNullable(em.find(Job.class, id));
    }

    public Optional<Job> findByIdempotencyKey(String owner, String key) {
        return em.createQuery("SELECT j FROM Job j WHERE j.owner = :owner AND j.idempotencyKey = :key", Job.class)
                .setParameter("owner", owner).setParameter("key", key)
                .getResultStream().findFirst();
    }

    public long coresInUse(String executor) {
        return ((Number) em.createNativeQuery("SELECT COALESCE(SUM(cores), 0) FROM job WHERE executor = ?1 "
                + "AND state IN ('STAGING','SUBMITTED','RUNNING','COLLECTING')").setParameter(1, executor)
                .getSingleResult()).longValue();
    }

    public java.util.Map<String, Long> countByState(String owner) {
        java.util.Map<String, Long> counts = new java.util.TreeMap<>();
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("SELECT state, COUNT(*) FROM job WHERE owner = ?1 GROUP BY state")
                .setParameter(1, owner).getResultList();
        for (Object[] row : rows) {
            counts.put((String) row[0], ((Number) row[1]).longValue());
        }
        return counts;
    }

    public List<Transition> transitions(String id) {
        return em.createQuery("SELECT t FROM Transition t WHERE t.jobId = :id ORDER BY t.seq", Transition.class)
                .setParameter("id", id).getResultList();
    }

    /**
     * Jobs of one owner (or everyone's when owner is null), or those shared with
     * {@code sharedWith} when it is not null, newest first.
     */
    public JobPage list(String owner, String sharedWith, Set<JobState> states, String appId, int offset, int limit) {
        // One filter in SQL for the page and its count (the count needs a LIMIT inside, which
        // JPQL cannot say); the page is read as entities as claimQueued does.
        StringBuilder where = new StringBuilder(" WHERE 1 = 1");
        List<Object> params = new ArrayList<>();
        if (owner != null) {
            params.add(owner);
            where.append(" AND owner = ?").append(params.size());
        }
        if (sharedWith != null) {
            params.add(sharedWith);
            where.append(" AND id IN (SELECT job_id FROM job_share WHERE grantee = ?").append(params.size()).append(')');
        }
        if (!states.isEmpty()) {
            StringBuilder in = new StringBuilder();
            for (JobState state : states) {
                params.add(state.name());
                in.append(in.length() == 0 ? "" : ", ").append('?').append(params.size());
            }
            where.append(" AND state IN (").append(in).append(')');
        }
        if (appId != null) {
            params.add(appId);
            where.append(" AND app_id = ?").append(params.size());
        }
        // LIMIT and OFFSET in the SQL itself: for a native query EclipseLink pages through JDBC
        // (maxRows, skipping rows), so PostgreSQL planned for every matching row, and a user with
        // 100,000 jobs got a sort of all of them (120 ms) instead of the first rows of an index.
        jakarta.persistence.Query page = em.createNativeQuery("SELECT * FROM job" + where
                + " ORDER BY created_at DESC, id DESC LIMIT " + limit + " OFFSET " + offset, Job.class);
        // Counted up to a bound: an exact count of a million rows costs a scan of them on every
        // page, and nobody pages that far; past the bound the total is a lower bound. The count
        // reads in the page's order so that it walks the same index range as the page: without
        // the ORDER BY, PostgreSQL may find "any 1,001 rows" cheaper by a sequential scan, which
        // for a rare filter (a user's FAILED jobs among a million) reads tens of thousands of rows.
        jakarta.persistence.Query count = em.createNativeQuery("SELECT count(*) FROM (SELECT 1 FROM job" + where
                + " ORDER BY created_at DESC, id DESC LIMIT " + (COUNT_BOUND + 1) + ") bounded");
        for (int i = 0; i < params.size(); i++) {
            page.setParameter(i + 1, params.get(i));
            count.setParameter(i + 1, params.get(i));
        }
        @SuppressWarnings("unchecked")
        List<Job> jobs = page.getResultList();
        long total = ((Number) count.getSingleResult()).longValue();
        boolean exact = total <= COUNT_BOUND;
        return new JobPage(jobs, exact ? total : Math.max(COUNT_BOUND, offset + jobs.size()), exact, offset, limit);
    }

    /** How far a listing's total is counted exactly. */
    public static final int COUNT_BOUND = 1_000;

    private Job lock(String id) {
        Job job = em.find(Job.class, id, LockModeType.PESSIMISTIC_WRITE);
        if (job == null) {
            throw new IllegalStateException("job " + id + " vanished");
        }
        return job;
    }

    private void enter(Job job, JobState to, String message) {
        OffsetDateTime at = now();
        job.state = to;
        job.updatedAt = at;
        if (message != null) {
            job.message = message;
        }
        if (to == JobState.RUNNING && job.startedAt == null) {
            job.startedAt = at;
        }
        if (to.isTerminal()) {
            job.finishedAt = at;
        }
        // one round trip for both numbers: this runs on every transition of every job
        Object[] numbers = (Object[]) em.createNativeQuery(
                        "SELECT COALESCE(MAX(seq), 0), nextval('job_event_seq') FROM job_transition WHERE job_id = ?1")
                .setParameter(1, job.id).getSingleResult();
        int seq = ((Number) numbers[0]).intValue() + 1;
        long eventId = ((Number) numbers[1]).longValue();
        em.persist(new Transition(job.id, seq, to, at, message, eventId));
        fireState(job, eventId, seq, at, message);
    }

    private void fireState(Job job, long eventId, int seq, OffsetDateTime at, String message) {
        events.fire(new JobEvent(JobEvent.Kind.STATE, eventId, job.id, job.owner, job.appId, job.name, job.state,
                seq, at, message, job.progress, job.progressMessage));
    }

    /**
     * State changes after {@code afterEventId}, oldest first, at most {@code limit}: what an SSE
     * client missed (Last-Event-ID) and what other server instances did (the event poll).
     * Progress is the job's current one, not the one at the time.
     */
    @SuppressWarnings("unchecked")
    public List<JobEvent> eventsAfter(long afterEventId, int limit) {
        List<Object[]> rows = em.createNativeQuery("SELECT t.event_id, t.job_id, j.owner, j.app_id, j.name, t.state, "
                        + "t.seq, t.at, t.message, j.progress, j.progress_message FROM job_transition t "
                        + "JOIN job j ON j.id = t.job_id WHERE t.event_id > ?1 ORDER BY t.event_id LIMIT ?2")
                .setParameter(1, afterEventId).setParameter(2, limit).getResultList();
        List<JobEvent> events = new ArrayList<>(rows.size());
        for (Object[] r : rows) {
            events.add(new JobEvent(JobEvent.Kind.STATE, ((Number) r[0]).longValue(), (String) r[1], (String) r[2],
                    (String) r[3], (String) r[4], JobState.valueOf((String) r[5]), ((Number) r[6]).intValue(),
                    timestamp(r[7]), (String) r[8], r[9] == null ? null : ((Number) r[9]).doubleValue(), (String) r[10]));
        }
        return events;
    }

    /** The newest event id (0 when there is none): where a server's event poll starts. */
    public long lastEventId() {
        return ((Number) em.createNativeQuery("SELECT COALESCE(MAX(event_id), 0) FROM job_transition")
                .getSingleResult()).longValue();
    }

    /** A native query's TIMESTAMPTZ, whichever type the driver hands back. */
    private static OffsetDateTime timestamp(Object value) {
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

    /**
     * Moves a job to {@code to} if it is in one of {@code from}; answers whether it moved. A job
     * that moved elsewhere meanwhile (cancelled, say) is left as it is.
     */
    public boolean transition(String id, Collection<JobState> from, JobState to, String message) {
        Job job = lock(id);
        if (!from.contains(job.state)) {
            return false;
        }
        enter(job, to, message);
        return true;
    }

    /** Ends a job that is not yet terminal; the first ending wins. */
    public boolean finish(String id, JobState to, Integer exitCode, String message) {
        Job job = lock(id);
        if (job.state.isTerminal()) {
            return false;
        }
        job.exitCode = exitCode;
        job.pid = null;
        enter(job, to, message);
        if (job.startedAt != null) {
            job.wallTimeMs = java.time.Duration.between(job.startedAt, job.finishedAt).toMillis();
        }
        return true;
    }

    public void recordExecution(String id, long batchExecutionId) {
        lock(id).batchExecutionId = batchExecutionId;
    }

    /** The stage step's start: records the batch execution, answers the job as it now is. */
    public Optional<Job> beginStage(String id, long batchExecutionId) {
        Job job = em.find(Job.class, id, LockModeType.PESSIMISTIC_WRITE);
        if (job != null) {
            job.batchExecutionId = batchExecutionId;
        }
        return Optional.ofNullable(job);
    }

    /**
     * Moves a job to {@code to} when it is in one of {@code from} (else leaves it) and answers
     * it: one transaction for a step's start instead of a read and a write.
     */
    public Optional<Job> enterIfIn(String id, Collection<JobState> from, JobState to) {
        Job job = em.find(Job.class, id, LockModeType.PESSIMISTIC_WRITE);
        if (job != null && from.contains(job.state)) {
            enter(job, to, null);
        }
        return Optional.ofNullable(job);
    }

    /** The collect step's end: the result, the CPU time and SUCCEEDED in one transaction. */
    public boolean succeed(String id, String resultJson, String summary, Integer exitCode, Long cpuTimeMs) {
        Job job = lock(id);
        if (job.state.isTerminal()) {
            return false;
        }
        job.result = resultJson;
        job.resultSummary = summary;
        if (cpuTimeMs != null) {
            job.cpuTimeMs = cpuTimeMs;
        }
        return finish(id, JobState.SUCCEEDED, exitCode, null);
    }

    public void recordCommand(String id, String commandJson) {
        lock(id).command = commandJson;
    }

    public void recordLaunch(String id, long pid, long startTicks) {
        Job job = lock(id);
        job.pid = pid;
        job.pidStartTicks = startTicks;
    }

    /** The job went to an external scheduler under this id: SUBMITTED until it runs there. */
    public void recordSubmitted(String id, String externalId, String message) {
        Job job = lock(id);
        job.externalId = externalId;
        if (job.state == JobState.STAGING) {
            enter(job, JobState.SUBMITTED, message);
        }
    }

    public void recordUsage(String id, Long cpuTimeMs) {
        lock(id).cpuTimeMs = cpuTimeMs;
    }

    public void recordResult(String id, String resultJson, String summary) {
        Job job = lock(id);
        job.result = resultJson;
        job.resultSummary = summary;
    }

    public void recordProgress(String id, double fraction, String message) {
        Job job = lock(id);
        job.progress = fraction;
        job.progressMessage = message;
        job.updatedAt = now();
        events.fire(new JobEvent(JobEvent.Kind.PROGRESS, 0, job.id, job.owner, job.appId, job.name, job.state,
                0, job.updatedAt, null, fraction, message));
    }

    /** Cancels a job that has not started; answers false when it already has. */
    public boolean cancelIfWaiting(String id, String message) {
        Job job = lock(id);
        if (job.state != JobState.NEW && job.state != JobState.QUEUED) {
            return false;
        }
        enter(job, JobState.CANCELLED, message);
        return true;
    }

    /** Marks a running job for cancellation; its execute step ends it. */
    public JobState requestCancel(String id) {
        Job job = lock(id);
        if (!job.state.isTerminal()) {
            job.cancelRequested = true;
        }
        return job.state;
    }

    /** Puts a failed, cancelled or timed-out job back in the queue to continue where it stopped. */
    public boolean requeueForRestart(String id, String message) {
        Job job = lock(id);
        if (!JobState.RESTARTABLE.contains(job.state)) {
            return false;
        }
        job.restartRequested = job.batchExecutionId != null;
        job.cancelRequested = false;
        job.exitCode = null;
        job.pid = null;
        job.pidStartTicks = null;
        // a restart is a new SLURM job: with the old id kept, the execute step followed the
        // failed SLURM job again and failed at once (SlurmIT)
        job.externalId = null;
        job.finishedAt = null;
        job.message = null;
        enter(job, JobState.QUEUED, message);
        return true;
    }

    /** After a crash: puts a job whose process never started back in the queue. */
    public void requeueAfterCrash(String id, String message) {
        Job job = lock(id);
        job.restartRequested = false;
        job.batchExecutionId = null;
        job.startedAt = null; // its walltime counts from the run it gets now
        enter(job, JobState.QUEUED, message);
    }

    public boolean start(String id) {
        return transition(id, Set.of(JobState.NEW), JobState.QUEUED, null);
    }

    /** Why a job could not be deleted: it runs, or unfinished jobs read its outputs. */
    public record Refusal(String reason) {
    }

    /**
     * Deletes a finished or never started job; refuses while it runs or while a job that has
     * not ended reads one of its outputs (that job locks this row when it records its inputs).
     */
    public Optional<Refusal> delete(String id) {
        Job job = lock(id);
        if (!job.state.isTerminal() && job.state != JobState.NEW) {
            return Optional.of(new Refusal("job " + id + " is " + job.state + "; cancel it before deleting it"));
        }
        @SuppressWarnings("unchecked")
        List<String> readers = em.createNativeQuery("SELECT DISTINCT i.job_id FROM job_input i JOIN job j ON j.id = i.job_id "
                        + "WHERE i.source_job_id = ?1 AND j.state IN ('NEW', 'QUEUED', 'STAGING', 'SUBMITTED', 'RUNNING', "
                        + "'COLLECTING') ORDER BY i.job_id LIMIT 20")
                .setParameter(1, id).getResultList();
        if (!readers.isEmpty()) {
            return Optional.of(new Refusal("the outputs of job " + id + " are inputs of " + String.join(", ", readers)
                    + ", which " + (readers.size() == 1 ? "has" : "have") + " not ended"));
        }
        em.createQuery("DELETE FROM Transition t WHERE t.jobId = :id").setParameter("id", id).executeUpdate();
        em.remove(job);
        return Optional.empty();
    }

    /** How many jobs of an executor are past QUEUED and not yet ended. */
    public long countActive(String executor) {
        return ((Number) em.createNativeQuery(
                "SELECT count(*) FROM job WHERE executor = ?1 AND state IN ('STAGING','SUBMITTED','RUNNING','COLLECTING')")
                .setParameter(1, executor).getSingleResult()).longValue();
    }

    /**
     * Claims queued jobs for an executor, at most its free cores' worth, shared
     * between owners by {@link FairShare}. An advisory lock makes the capacity count and the claim one
     * step across server instances; {@code SKIP LOCKED} keeps a job that another transaction
     * holds (being cancelled, say) out of this round. A claimed job carries the claiming
     * {@code node}: that instance runs it, reconciles it after a crash, and alone may start it
     * if the claim's batch job never started ({@link #claimedWithoutBatchJob}).
     */
    @SuppressWarnings("unchecked")
    public List<Job> claimQueued(String executor, String node, int capacityCores, int scanLimit) {
        em.createNativeQuery("SELECT pg_advisory_xact_lock(7001)").getSingleResult();
        List<Object[]> inUse = em.createNativeQuery(
                "SELECT owner, SUM(cores) FROM job WHERE executor = ?1 AND state IN ('STAGING','SUBMITTED','RUNNING','COLLECTING') GROUP BY owner")
                .setParameter(1, executor).getResultList();
        java.util.Map<String, Long> used = new java.util.HashMap<>();
        long total = 0;
        for (Object[] row : inUse) {
            long cores = ((Number) row[1]).longValue();
            used.put((String) row[0], cores);
            total += cores;
        }
        long free = capacityCores - total;
        if (free <= 0) {
            return List.of();
        }
        List<Job> candidates = em.createNativeQuery(
                "SELECT * FROM job WHERE state = 'QUEUED' AND executor = ?1 ORDER BY created_at, id LIMIT ?2 FOR UPDATE SKIP LOCKED",
                Job.class).setParameter(1, executor).setParameter(2, scanLimit).getResultList();
        List<FairShare.Candidate<Job>> queued = candidates.stream()
                .map(j -> new FairShare.Candidate<>(j, j.owner, j.cores)).toList();
        List<Job> claimed = FairShare.choose(queued, used, free, capacityCores);
        for (Job job : claimed) {
            job.node = node;
            enter(job, JobState.STAGING, null);
        }
        return claimed;
    }

    /**
     * Jobs {@code node} claimed whose batch job has not recorded its execution yet: being
     * started, waiting for a batch thread, or (after a claim whose commit failed at the client
     * but reached the database) never started at all.
     */
    public List<Job> claimedWithoutBatchJob(String node) {
        return em.createQuery("SELECT j FROM Job j WHERE j.node = :node AND j.state = :state AND j.batchExecutionId IS NULL",
                        Job.class)
                .setParameter("node", node).setParameter("state", JobState.STAGING).getResultList();
    }

    /** Jobs this node was working on when it stopped. */
    public List<Job> activeOn(String node) {
        return em.createQuery("SELECT j FROM Job j WHERE j.node = :node AND j.state IN :states", Job.class)
                .setParameter("node", node).setParameter("states", JobState.ACTIVE).getResultList();
    }
}
