package org.plinth.web;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.plinth.jobs.JobScheduler;
import org.plinth.jobs.JobService;
import org.plinth.jobs.Reconciler;
import org.plinth.persistence.BatchRepositoryIndexes;
import org.plinth.persistence.SchemaMigration;

/**
 * Start-up order: schema first, then the batch repository's indexes, then settle the jobs a previous run of this server left
 * behind, then let the scheduler start queued jobs.
 */
@ApplicationScoped
public class PlinthStartup {

    @Inject
    SchemaMigration schema;
    @Inject
    BatchRepositoryIndexes batchIndexes;
    @Inject
    Reconciler reconciler;
    @Inject
    JobScheduler scheduler;
    @Inject
    JobService jobs;
    @Inject
    org.plinth.retention.Retention retention;
    @Inject
    org.plinth.executors.slurm.SlurmExecutor slurm;
    @Inject
    org.plinth.executors.slurm.SlurmProbe probe;
    @jakarta.annotation.Resource
    jakarta.enterprise.concurrent.ManagedExecutorService background;
    @Inject
    org.plinth.jobs.events.JobEventPoll eventPoll;
    @Inject
    org.plinth.callbacks.CallbackDispatcher callbacks;

    private volatile boolean ready;

    void onStart(@Observes @Initialized(ApplicationScoped.class) Object event) {
        schema.migrate();
        batchIndexes.ensure(); // after Flyway: it refuses a first migration into a non-empty schema
        reconciler.reconcile(jobs.node());
        retention.repairAfterCrash();
        scheduler.startTicking();
        retention.startRounds();
        eventPoll.start();
        callbacks.start();
        if (slurm.enabled()) {
            background.execute(probe::run); // a SLURM job: may wait in the cluster's queue
        }
        ready = true;
    }

    @PreDestroy
    void onStop() {
        scheduler.stopTicking();
        retention.stopRounds();
        eventPoll.stop();
        callbacks.stop();
    }

    public boolean isReady() {
        return ready;
    }
}
