package org.plinth.executors.slurm;

import jakarta.json.JsonObject;
import java.util.List;

/**
 * The SLURM REST API as Plinth uses it, one adapter per API family: {@link SlurmApiV0038}
 * (Slurm 22.05, as Debian 12 ships it) and {@link SlurmApiV0040} (v0.0.40 and later, Slurm 23.11+).
 * Every call may throw {@link SlurmUnavailableException} (try later) or
 * {@link SlurmRejectedException} (SLURM said no).
 */
public interface SlurmApi {

    /** The REST API version spoken, e.g. {@code v0.0.38}. */
    String version();

    /** Submits a job as {@code spec.user()} and answers its SLURM job id. */
    long submit(SlurmJobSpec spec) throws SlurmException;

    /** One job's state; {@link SlurmState#GONE} when SLURM does not know the id. */
    SlurmJobStatus status(long jobId) throws SlurmException;

    /** Every job SLURM knows, in one request: for polling many jobs per tick. */
    List<SlurmJobStatus> jobs() throws SlurmException;

    /**
     * Every job SLURM knows, if any job changed after {@code sinceEpochSeconds} (SLURM's clock);
     * empty when none did, which costs slurmctld next to nothing (slurmrestd's 304). An adapter
     * that cannot ask so answers the full listing every time.
     */
    default java.util.Optional<List<SlurmJobStatus>> jobsIfChangedSince(long sinceEpochSeconds) throws SlurmException {
        return java.util.Optional.of(jobs());
    }

    /**
     * Cancels a job, acting as {@code user} (null: the service user).
     *
     * @return false when SLURM did not know the job (it is gone already)
     */
    boolean cancel(long jobId, String user) throws SlurmException;

    /** Cancels a job as the service user. */
    default boolean cancel(long jobId) throws SlurmException {
        return cancel(jobId, null);
    }

    /** Whether the controller answers, through slurmrestd. */
    SlurmPing ping() throws SlurmException;

    /** slurmctld's statistics ({@code sdiag}), as slurmrestd reports them. */
    JsonObject diag() throws SlurmException;

    /** The adapter for the settings' API version, talking through this client. */
    static SlurmApi of(SlurmClient client) {
        int minor = client.settings().apiMinor();
        if (minor >= 40) {
            return new SlurmApiV0040(client);
        }
        if (minor == 38) {
            return new SlurmApiV0038(client);
        }
        throw new IllegalArgumentException("SLURM REST API " + client.settings().apiVersion()
                + " is not supported: use v0.0.38 (Slurm 22.05) or v0.0.40 and later (Slurm 23.11+)");
    }

    /** A client for these settings (direct or through their SOCKS proxy) and its adapter. */
    static SlurmApi connect(SlurmSettings settings) {
        return of(new SlurmClient(settings, new SlurmTokens(settings.auth()), SlurmTransport.of(settings)));
    }
}
