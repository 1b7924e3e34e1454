package org.plinth.executors.slurm;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.plinth.api.Command;
import org.plinth.api.Resources;

/**
 * Checks at start-up that the cluster sees Plinth's data folder where the path map says: Plinth
 * writes a marker with a random token, a tiny SLURM job copies it, and Plinth reads the copy.
 * If the nodes see another folder (or none), every job would fail; health says so instead.
 */
@ApplicationScoped
public class SlurmProbe {

    private static final Logger LOG = Logger.getLogger(SlurmProbe.class.getName());
    static final long TIMEOUT_MILLIS = 180_000;

    /** The probe's outcome: NOT_RUN, RUNNING, OK or FAILED with why. */
    public record Outcome(String state, String detail, Instant at) {
        public boolean failed() {
            return "FAILED".equals(state);
        }
    }

    @Inject
    SlurmExecutor slurm;
    @Inject
    @ConfigProperty(name = "plinth.data-dir", defaultValue = "plinth-data")
    String dataDir;

    private volatile Outcome outcome = new Outcome("NOT_RUN", "", Instant.now());

    public Outcome outcome() {
        return outcome;
    }

    public Outcome run() {
        outcome = new Outcome("RUNNING", "", Instant.now());
        Path dir = Path.of(dataDir).toAbsolutePath().normalize().resolve("probe").resolve(UUID.randomUUID().toString());
        String token = UUID.randomUUID().toString();
        try {
            Files.createDirectories(dir.resolve(".plinth"));
            Files.writeString(dir.resolve("marker"), token);
            SlurmSettings settings = slurm.client().settings();
            String user = settings.auth().serviceUser();
            SlurmExecutor.giveTo(dir, user);
            Command copy = new Command(List.of("cp", "marker", "seen"), Map.of());
            long id = slurm.api().submit(SlurmJobSpec.forJob("probe-" + dir.getFileName(), copy, new Resources(1, 64, 60), 0,
                    dir, user, settings));
            long deadline = System.currentTimeMillis() + TIMEOUT_MILLIS;
            SlurmJobStatus status = slurm.status(id);
            while (!status.state().ended() && System.currentTimeMillis() < deadline) {
                Thread.sleep(500);
                status = slurm.status(id);
            }
            Path seen = dir.resolve("seen");
            if (Files.isRegularFile(seen) && token.equals(Files.readString(seen).strip())) {
                outcome = new Outcome("OK", "SLURM job " + id + " read " + dir + " as " + settings.paths().toCluster(dir), Instant.now());
            } else if (!status.state().ended()) {
                slurm.api().cancel(id);
                outcome = new Outcome("FAILED", "the probe job " + id + " did not end within " + TIMEOUT_MILLIS / 1000
                        + " s (" + status.rawState() + (status.reason() == null ? "" : ", " + status.reason()) + ")", Instant.now());
            } else {
                outcome = new Outcome("FAILED", "the cluster does not see Plinth's data folder " + dir.getParent()
                        + " at " + settings.paths().toCluster(dir.getParent()) + " (plinth.executors.slurm.cluster-data-dir): "
                        + "probe job " + id + " ended " + status.rawState() + " without copying the marker", Instant.now());
            }
        } catch (SlurmException | IOException | RuntimeException e) {
            outcome = new Outcome("FAILED", "the probe could not run: " + e.getMessage(), Instant.now());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            outcome = new Outcome("FAILED", "interrupted", Instant.now());
        } finally {
            try {
                org.plinth.workspace.Workspaces.deleteTree(dir);
            } catch (RuntimeException e) {
                LOG.fine(() -> "cannot remove the probe folder " + dir + ": " + e);
            }
        }
        Outcome o = outcome;
        LOG.info(() -> "SLURM path probe: " + o.state() + " " + o.detail());
        return o;
    }
}
