package org.plinth.executors.slurm;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.UserPrincipal;
import java.util.Optional;
import java.util.logging.Logger;
import java.util.stream.Stream;
import org.eclipse.microprofile.config.Config;
import org.plinth.api.Command;
import org.plinth.api.Resources;

/**
 * Runs commands on the site's SLURM cluster through slurmrestd: the job's workspace must be on
 * a file system the nodes share ({@code cluster-data-dir}); SLURM schedules, Plinth submits,
 * watches, cancels and reads the results from the workspace. Switched on by
 * {@code plinth.executors.slurm.enabled=true}; the other keys are read by {@link SlurmSettings}.
 */
@ApplicationScoped
public class SlurmExecutor {

    public static final String NAME = "slurm";
    private static final Logger LOG = Logger.getLogger(SlurmExecutor.class.getName());
    /** Written before a submit and removed once its SLURM id is recorded: a crash in between is found by name. */
    static final String SUBMITTING = "slurm-submitting";

    @Inject
    Config config;

    static final long PING_CACHE_MILLIS = 5000;

    private volatile SlurmApi api;
    private long pingedAt;
    private String pingProblem;
    private volatile SlurmClient client;

    public boolean enabled() {
        return config.getOptionalValue(SlurmSettings.PREFIX + "enabled", Boolean.class).orElse(false);
    }

    /** How many cores' worth of jobs may be with SLURM at once ({@code max-cores}); SLURM queues them. */
    public int capacityCores() {
        return config.getOptionalValue(SlurmSettings.PREFIX + "max-cores", Integer.class).orElse(256);
    }

    /**
     * How many jobs may be with SLURM at once ({@code max-jobs}, default 32): each holds a
     * thread of the batch executor (64 in server-config) while SLURM queues and runs it, and the
     * rest are kept for local jobs and sweep partitions. More wait QUEUED in Plinth.
     */
    public int maxJobs() {
        return config.getOptionalValue(SlurmSettings.PREFIX + "max-jobs", Integer.class).orElse(32);
    }

    /**
     * How often a job's step looks at the markers its batch script writes in the workspace
     * ({@code workspace-poll-seconds}, default 0.1; 0: never, SLURM's listing only): a file stat,
     * so much more often than slurmrestd may be asked.
     */
    public long workspacePollMillis() {
        return config.getOptionalValue(SlurmSettings.PREFIX + "workspace-poll-seconds", Double.class).map(s -> (long) (s * 1000)).orElse(100L);
    }

    /** How often a job's state is asked of SLURM ({@code poll-seconds}). */
    public long pollMillis() {
        return config.getOptionalValue(SlurmSettings.PREFIX + "poll-seconds", Double.class).map(s -> (long) (s * 1000)).orElse(2000L);
    }

    public SlurmApi api() {
        SlurmApi a = api;
        if (a == null) {
            synchronized (this) {
                if (api == null) {
                    SlurmSettings settings = SlurmSettings.from(config);
                    client = new SlurmClient(settings, new SlurmTokens(settings.auth()), SlurmTransport.of(settings));
                    api = SlurmApi.of(client);
                }
                a = api;
            }
        }
        return a;
    }

    public SlurmClient client() {
        api();
        return client;
    }

    /**
     * Submits a job's command. The workspace is made the cluster user's first when this server
     * runs as root (a development cluster on one machine); otherwise the site's shared file
     * system must let that user write it. {@code gpus} (0 for none) are asked as SLURM's
     * generic resource {@code gpu}.
     */
    public long submit(String jobId, String owner, Command command, Resources resources, int gpus, Path workspace)
            throws SlurmException, IOException {
        SlurmSettings settings = client().settings();
        String clusterUser = settings.clusterUserFor(owner);
        giveTo(workspace, clusterUser);
        WorkspaceMarkers.clear(workspace);
        Path marker = workspace.resolve(".plinth").resolve(SUBMITTING);
        Files.writeString(marker, clusterUser);
        long id = api().submit(SlurmJobSpec.forJob(jobId, command, resources, gpus, workspace, clusterUser, settings));
        return id;
    }

    /** After the id is recorded: the marker's work is done. */
    public void submitted(Path workspace) throws IOException {
        Files.deleteIfExists(workspace.resolve(".plinth").resolve(SUBMITTING));
    }

    /**
     * A job whose submit may have reached SLURM before the server died (its marker is there):
     * SLURM's job of that name, if any. So a crash never runs a job twice.
     */
    public Optional<Long> findEarlierSubmit(String jobId, Path workspace) throws SlurmException {
        if (!mayHaveSubmitted(workspace)) {
            return Optional.empty();
        }
        String name = SlurmJobSpec.nameFor(jobId);
        return api().jobs().stream().filter(s -> s.isNamed(name)).map(SlurmJobStatus::jobId).findFirst();
    }

    /** Whether a submit of the job in this workspace began and its SLURM id was not recorded. */
    public static boolean mayHaveSubmitted(Path workspace) {
        return Files.exists(workspace.resolve(".plinth").resolve(SUBMITTING));
    }

    public SlurmJobStatus status(long slurmId) throws SlurmException {
        return api().status(slurmId);
    }

    /** Whether slurmrestd answers a ping, asked at most every few seconds (health polls often). */
    public synchronized Optional<String> unreachable() {
        long now = System.currentTimeMillis();
        if (now - pingedAt > PING_CACHE_MILLIS) {
            pingedAt = now;
            try {
                SlurmPing ping = api().ping();
                pingProblem = ping.up() ? null : "slurmctld does not answer slurmrestd's ping";
            } catch (SlurmException | RuntimeException e) {
                pingProblem = "slurmrestd at " + client().settings().url() + ": " + e.getMessage();
            }
        }
        return Optional.ofNullable(pingProblem);
    }

    public boolean cancel(long slurmId, String owner) throws SlurmException {
        return api().cancel(slurmId, client().settings().clusterUserFor(owner));
    }

    /** When this server runs as root (a development cluster on one machine), hands a folder to the cluster user. */
    static void giveTo(Path workspace, String clusterUser) throws IOException {
        if (!"root".equals(System.getProperty("user.name"))) {
            return;
        }
        UserPrincipal user = workspace.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName(clusterUser);
        try (Stream<Path> all = Files.walk(workspace)) {
            for (Path p : (Iterable<Path>) all::iterator) {
                Files.setOwner(p, user);
            }
        }
        LOG.fine(() -> "workspace " + workspace + " given to " + clusterUser);
    }
}
