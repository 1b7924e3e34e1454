package org.plinth.jobs;

import jakarta.batch.operations.JobOperator;
import jakarta.batch.runtime.JobExecution;
import jakarta.batch.runtime.JobInstance;
import jakarta.batch.runtime.Metric;
import jakarta.batch.runtime.StepExecution;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A job as the batch runtime saw it: each execution of its {@code app-run} batch job (the first
 * run, then one per restart) with its steps (stage, execute, collect), their batch and exit
 * statuses and times. Read from the batch repository through the standard JobOperator, the
 * same records Payara's admin console and {@code asadmin list-batch-job-executions} show.
 */
@ApplicationScoped
public class BatchSteps {

    /** One step of one execution; metrics only where the runtime counted something. */
    public record StepRun(long stepExecutionId, String name, String batchStatus, String exitStatus, Instant startedAt,
                          Instant endedAt, Map<String, Long> metrics) {
    }

    /** One execution of the batch job: the first run or a restart. */
    public record Execution(long executionId, String batchStatus, String exitStatus, Instant createdAt, Instant startedAt,
                            Instant endedAt, List<StepRun> steps) {
    }

    /** The executions, oldest first; {@code instanceId} -1 and none when the job never reached the batch runtime. */
    public record History(long instanceId, String batchJob, List<Execution> executions, String unavailable) {
    }

    @Inject
    JobScheduler scheduler;

    public History of(Job job) {
        if (job.batchExecutionId() == null) {
            return new History(-1, JobScheduler.BATCH_JOB, List.of(), null);
        }
        JobOperator operator = scheduler.operator();
        try {
            JobInstance instance = operator.getJobInstance(job.batchExecutionId());
            List<Execution> executions = new ArrayList<>();
            for (JobExecution e : operator.getJobExecutions(instance)) {
                List<StepRun> steps = new ArrayList<>();
                for (StepExecution s : operator.getStepExecutions(e.getExecutionId())) {
                    steps.add(new StepRun(s.getStepExecutionId(), s.getStepName(), String.valueOf(s.getBatchStatus()),
                            s.getExitStatus(), instant(s.getStartTime()), instant(s.getEndTime()), metrics(s.getMetrics())));
                }
                steps.sort(Comparator.comparing(StepRun::stepExecutionId));
                executions.add(new Execution(e.getExecutionId(), String.valueOf(e.getBatchStatus()), e.getExitStatus(),
                        instant(e.getCreateTime()), instant(e.getStartTime()), instant(e.getEndTime()), List.copyOf(steps)));
            }
            executions.sort(Comparator.comparing(Execution::executionId));
            return new History(instance.getInstanceId(), instance.getJobName(), List.copyOf(executions), null);
        } catch (RuntimeException e) {
            // NoSuchJobExecutionException (the batch repository was purged), JobSecurityException …:
            // the job's own record still stands, so say why the steps are missing instead of failing
            return new History(-1, JobScheduler.BATCH_JOB, List.of(),
                    "the batch runtime has no record of execution " + job.batchExecutionId() + " (" + e.getClass().getSimpleName() + ")");
        }
    }

    private static Map<String, Long> metrics(Metric[] metrics) {
        Map<String, Long> m = new LinkedHashMap<>();
        if (metrics != null) {
            for (Metric metric : metrics) {
                if (metric.getValue() != 0) {
                    m.put(String.valueOf(metric.getType()), metric.getValue());
                }
            }
        }
        return m;
    }

    private static Instant instant(Date d) {
        return d == null ? null : d.toInstant();
    }
}
