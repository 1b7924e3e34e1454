package org.plinth.jobs;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;

/**
 * A job's row. Only {@link JobStore} changes it, always under a row lock, so the API, the
 * scheduler and the batch steps never overwrite each other's changes.
 */
@Entity
@Table(name = "job")
public class Job {

    @Id
    String id;
    String owner;
    @Column(name = "app_id")
    String appId;
    @Column(name = "app_version")
    String appVersion;
    String name;
    /** JSON array of strings. */
    String tags;
    /** The bound inputs as JSON, with defaults filled in: what a rerun replays. */
    String inputs;
    int cores;
    @Column(name = "memory_mb")
    long memoryMb;
    @Column(name = "walltime_seconds")
    long walltimeSeconds;
    int gpus;
    String executor;
    /** The server instance that runs the job; after a crash only that instance reconciles it. */
    String node;
    @Enumerated(EnumType.STRING)
    JobState state;
    String message;
    @Column(name = "exit_code")
    Integer exitCode;
    Double progress;
    @Column(name = "progress_message")
    String progressMessage;
    @Column(name = "created_at")
    OffsetDateTime createdAt;
    @Column(name = "updated_at")
    OffsetDateTime updatedAt;
    @Column(name = "started_at")
    OffsetDateTime startedAt;
    @Column(name = "finished_at")
    OffsetDateTime finishedAt;
    @Column(name = "batch_execution_id")
    Long batchExecutionId;
    @Column(name = "restart_requested")
    boolean restartRequested;
    @Column(name = "cancel_requested")
    boolean cancelRequested;
    /** JSON {"argv": [...], "environment": {...}} written by the stage step. */
    String command;
    Long pid;
    @Column(name = "pid_start_ticks")
    Long pidStartTicks;
    @Column(name = "idempotency_key")
    String idempotencyKey;
    @Column(name = "rerun_of")
    String rerunOf;
    @Column(name = "cpu_time_ms")
    Long cpuTimeMs;
    @Column(name = "wall_time_ms")
    Long wallTimeMs;
    String result;
    @Column(name = "result_summary")
    String resultSummary;
    /** What retention did to the workspace: null (untouched), COMPRESSED or DELETED. */
    @Column(name = "workspace_state")
    String workspaceState;
    /** The job's id at an external scheduler (SLURM), once submitted there. */
    @Column(name = "external_id")
    String externalId;
    /** The workspace's size when retention last looked at it. */
    @Column(name = "workspace_bytes")
    Long workspaceBytes;
    /** Where each state change is POSTed (null: nowhere). */
    @Column(name = "callback_url")
    String callbackUrl;
    /** When retention stored the outputs the app names compact (CompactOutputs); null: not done. */
    @Column(name = "compacted_at")
    OffsetDateTime compactedAt;
    /** A sweep's points as JSON ({@link org.plinth.jobs.sweep.Sweep}); null for an ordinary job. */
    String sweep;

    protected Job() {
    }

    public String id() { return id; }
    public String owner() { return owner; }
    public String appId() { return appId; }
    public String appVersion() { return appVersion; }
    public String name() { return name; }
    public String tags() { return tags; }
    public String inputs() { return inputs; }
    public int cores() { return cores; }
    public long memoryMb() { return memoryMb; }
    public long walltimeSeconds() { return walltimeSeconds; }
    public int gpus() { return gpus; }
    public String executor() { return executor; }
    public String node() { return node; }
    public JobState state() { return state; }
    public String message() { return message; }
    public Integer exitCode() { return exitCode; }
    public Double progress() { return progress; }
    public String progressMessage() { return progressMessage; }
    public OffsetDateTime createdAt() { return createdAt; }
    public OffsetDateTime updatedAt() { return updatedAt; }
    public OffsetDateTime startedAt() { return startedAt; }
    public OffsetDateTime finishedAt() { return finishedAt; }
    public Long batchExecutionId() { return batchExecutionId; }
    public boolean restartRequested() { return restartRequested; }
    public boolean cancelRequested() { return cancelRequested; }
    public String command() { return command; }
    public Long pid() { return pid; }
    public Long pidStartTicks() { return pidStartTicks; }
    public String idempotencyKey() { return idempotencyKey; }
    public String rerunOf() { return rerunOf; }
    public Long cpuTimeMs() { return cpuTimeMs; }
    public Long wallTimeMs() { return wallTimeMs; }
    public String result() { return result; }
    public String resultSummary() { return resultSummary; }
    public String workspaceState() { return workspaceState; }
    public Long workspaceBytes() { return workspaceBytes; }
    public String externalId() { return externalId; }
    public String callbackUrl() { return callbackUrl; }
    public String sweep() { return sweep; }
    public OffsetDateTime compactedAt() { return compactedAt; }

    /** The job's sweep, if it is one. */
    public java.util.Optional<org.plinth.jobs.sweep.Sweep> sweepPoints() {
        return sweep == null ? java.util.Optional.empty() : java.util.Optional.of(org.plinth.jobs.sweep.Sweep.fromJson(sweep));
    }
}
