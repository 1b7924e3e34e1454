package org.plinth.executors.slurm;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.plinth.api.Command;
import org.plinth.api.Resources;

/**
 * One job to submit, independent of the REST API version.
 *
 * @param name            the job's name; Plinth's job id is in it, to recognise the job later
 * @param comment         a comment, or null
 * @param script          the whole batch script, starting with {@code #!}
 * @param user            the cluster user it runs as (X-SLURM-USER-NAME), or null for the service user
 * @param workDir         current_working_directory, as the cluster sees it
 * @param stdout          standard_output path on the cluster, or null for SLURM's default
 * @param stderr          standard_error path on the cluster, or null
 * @param tasks           tasks (processes)
 * @param cpusPerTask     cores per task
 * @param nodes           nodes (minimum = maximum)
 * @param memoryMb        memory per node in MB
 * @param walltimeSeconds the time limit; SLURM counts minutes, so it is rounded up
 * @param gpus            GPUs for the whole job, 0 for none
 * @param partition       partition, or null for the default
 * @param constraints     node features, or null
 * @param account         account, or null
 * @param qos             QOS, or null
 * @param environment     the job's whole environment (SLURM passes nothing else through REST)
 */
public record SlurmJobSpec(String name, String comment, String script, String user, String workDir, String stdout,
                           String stderr, int tasks, int cpusPerTask, int nodes, long memoryMb, long walltimeSeconds,
                           int gpus, String partition, String constraints, String account, String qos,
                           Map<String, String> environment) {

    /** What every job's environment starts from; the site's and the command's variables win. */
    static final Map<String, String> BASE_ENVIRONMENT = Map.of(
            "PATH", "/usr/local/bin:/usr/bin:/bin",
            "LANG", "C.UTF-8");

    public SlurmJobSpec {
        requireText(name, "name");
        Objects.requireNonNull(script, "script");
        if (!script.startsWith("#!")) {
            // SLURM accepts it and the job then fails with "Exec format error".
            throw new IllegalArgumentException("a batch script must start with #!");
        }
        requireText(workDir, "workDir");
        if (tasks < 1 || cpusPerTask < 1 || nodes < 1) {
            throw new IllegalArgumentException("tasks, cpusPerTask and nodes must be at least 1");
        }
        if (memoryMb < 1 || walltimeSeconds < 1 || gpus < 0) {
            throw new IllegalArgumentException("memory and walltime must be positive, gpus not negative");
        }
        environment = Map.copyOf(environment == null ? Map.of() : environment);
    }

    /** The time limit in whole minutes, rounded up: a job never gets less time than it asked for. */
    public long timeLimitMinutes() {
        return (walltimeSeconds + 59) / 60;
    }

    /** The SLURM job name Plinth gives its job {@code jobId}. */
    public static String nameFor(String jobId) {
        return "plinth-" + jobId;
    }

    /**
     * The spec for a Plinth job: its command run in its workspace (mapped to the cluster's path),
     * one task with the job's cores on one node, stdout/stderr into the workspace's {@code .plinth/}
     * like a local job, and the site's partition, constraints, account, QOS, environment and
     * setup fragment.
     *
     * <p>The workspace and its {@code .plinth/} directory must exist, and be writable by the
     * cluster user, before the submit: slurmstepd opens the log files there before the script
     * runs, and a job whose log directory is missing fails at once.
     *
     * @param jobId       Plinth's job id
     * @param workspace   the job's workspace as this server sees it
     * @param clusterUser the cluster user to run as ({@link SlurmSettings#clusterUserFor})
     */
    public static SlurmJobSpec forJob(String jobId, Command command, Resources resources, int gpus, Path workspace,
                                      String clusterUser, SlurmSettings settings) {
        String dir = settings.paths().toCluster(workspace);
        Map<String, String> env = new LinkedHashMap<>(BASE_ENVIRONMENT);
        env.put("HOME", dir);
        env.put("PLINTH_JOB_ID", jobId);
        env.put("PLINTH_CORES", Integer.toString(resources.cores()));
        env.put("OMP_NUM_THREADS", Integer.toString(resources.cores()));
        env.putAll(settings.job().environment());
        env.putAll(command.environment());
        SlurmSettings.JobDefaults d = settings.job();
        return new SlurmJobSpec(nameFor(jobId), "plinth job " + jobId, SlurmScript.build(command, dir, d.scriptSetup()),
                clusterUser, dir, dir + "/.plinth/stdout.log", dir + "/.plinth/stderr.log",
                1, resources.cores(), 1, resources.memoryMb(), resources.walltimeSeconds(), gpus,
                d.partition(), d.constraints(), d.account(), d.qos(), env);
    }

    private static void requireText(String s, String what) {
        if (s == null || s.isBlank()) {
            throw new IllegalArgumentException(what + " must not be empty");
        }
    }
}
