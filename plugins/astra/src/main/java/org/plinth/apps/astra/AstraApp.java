package org.plinth.apps.astra;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.logging.Logger;
import org.plinth.api.AppInfo;
import org.plinth.api.Availability;
import org.plinth.api.Command;
import org.plinth.api.CompactOutputs;
import org.plinth.api.JobContext;
import org.plinth.api.JobFailure;
import org.plinth.api.ProcessApp;
import org.plinth.api.ProcessOutcome;
import org.plinth.api.Resources;
import org.plinth.api.Result;

/**
 * An ASTRA tracking run: writes {@code run.in} from the typed inputs (or the user's namelist),
 * runs {@code astra run.in}, or {@code parallel_astra} under mpirun when the job has more than
 * one core, and parses the outputs into the result.
 *
 * <p>Progress while ASTRA runs is z reached over z stop: ASTRA appends a row to its Xemit table
 * at every output step, and the host lets the app look every few seconds ({@link #watch}).
 */
@ApplicationScoped
public class AstraApp implements ProcessApp<AstraInputs>, CompactOutputs<AstraInputs> {

    private static final Logger LOG = Logger.getLogger(AstraApp.class.getName());
    private static final AppInfo INFO = new AppInfo("astra", "1.0", "ASTRA tracking run",
            "Tracks a particle distribution (e.g. a generator job's generator.ini) with K. Floettmann's ASTRA through a "
                    + "cavity, a solenoid and quadrupoles, with or without space charge; more than one core runs "
                    + "parallel_astra under mpirun. Result: the final beam, the emittance tables along z (also as CSV), "
                    + "statistics of each particle distribution written. Input names map to ASTRA's mnemonics (x-alias).");

    private final AstraSettings fixedSettings;

    public AstraApp() {
        this(null);
    }

    /** For tests: fixed settings instead of MicroProfile Config. */
    AstraApp(AstraSettings settings) {
        this.fixedSettings = settings;
    }

    private AstraSettings settings() {
        return fixedSettings != null ? fixedSettings : AstraSettings.fromMicroProfileConfig();
    }

    /** Checks the binaries (and their checksums) once at start-up, so a wrong install shows in the log at once. */
    void verifyAtStartup(@Observes @Initialized(ApplicationScoped.class) Object ignored) {
        try {
            Availability a = availability();
            LOG.info(() -> a.available() ? "ASTRA binaries found in " + settings().binaryFolder().orElseThrow()
                    : "ASTRA apps: astra unavailable: " + a.reason());
        } catch (RuntimeException e) {
            LOG.warning(() -> "ASTRA binaries could not be checked: " + e);
        }
    }

    @Override
    public AppInfo info() {
        return INFO;
    }

    @Override
    public Class<AstraInputs> inputType() {
        return AstraInputs.class;
    }

    @Override
    public Resources defaultResources() {
        return new Resources(1, 2048, 4 * 3600);
    }

    @Override
    public Availability availability() {
        AstraSettings settings;
        try {
            settings = settings();
        } catch (IllegalArgumentException e) {
            return Availability.unavailable(e.getMessage()); // malformed checksums
        }
        AstraBinaries.Found astra = settings.binaries().find(AstraBinaries.ASTRA);
        return astra.present() ? Availability.available(null) : Availability.unavailable(astra.problem());
    }

    @Override
    public Command prepare(AstraInputs in, JobContext job) throws Exception {
        AstraSettings settings = settings();
        AstraBinaries binaries = settings.binaries();
        AstraBinaries.Found astra = binaries.find(AstraBinaries.ASTRA);
        if (!astra.present()) {
            throw new JobFailure(astra.problem());
        }
        job.progress(0.02, "writing " + AstraRun.INPUT_FILE);
        try {
            AstraRun.write(in, job.workspace());
        } catch (NamelistException e) {
            throw new JobFailure("namelist " + Path.of(in.namelist()).getFileName() + ": " + e.getMessage());
        } catch (AstraRun.InvalidRun e) {
            throw new JobFailure(e.getMessage());
        }
        Files.writeString(job.workspace().resolve(AliasTable.FILE), AliasTable.text(INFO.id(), AstraInputs.class),
                StandardCharsets.UTF_8);
        int cores = job.resources().cores();
        Path parallel = null;
        Path mpirun = null;
        if (cores > 1) {
            AstraBinaries.Found p = binaries.find(AstraBinaries.PARALLEL_ASTRA);
            if (!p.present()) {
                throw new JobFailure("a run on " + cores + " cores needs parallel_astra: " + p.problem()
                        + "; or ask for 1 core");
            }
            parallel = p.path();
            mpirun = MpiCommand.locate(settings.mpirun(), System.getenv("PATH")).orElseThrow(() -> new JobFailure(
                    "a run on " + cores + " cores needs OpenMPI's " + settings.mpirun()
                            + " (install openmpi-bin or set plinth.apps.astra.mpirun); or ask for 1 core"));
        }
        job.progress(0.05, cores > 1 ? "running parallel_astra on " + cores + " cores" : "running astra");
        return new Command(MpiCommand.argv(astra.path(), parallel, mpirun, cores, MpiCommand.runningAsRoot(),
                Runtime.getRuntime().availableProcessors(), AstraRun.INPUT_FILE), java.util.Map.of());
    }

    @Override
    public Optional<String> explainFailure(AstraInputs in, JobContext job, ProcessOutcome outcome) throws Exception {
        String text = read(outcome.stdout()) + "\n" + read(outcome.stderr());
        AstraStdout out = AstraStdout.parse(text);
        if (!out.errors().isEmpty()) {
            return Optional.of("ASTRA: " + String.join(" / ", out.errors().stream().distinct().toList()));
        }
        String last = AstraResults.lastLines(text);
        return last.isEmpty() ? Optional.empty() : Optional.of("ASTRA exited with status " + outcome.exitCode() + ": " + last);
    }

    /** z reached (the Xemit table's last row) of z stop (the run's &OUTPUT ZSTOP). */
    @Override
    public void watch(AstraInputs in, JobContext job, ProcessOutcome soFar) throws Exception {
        Path input = job.workspace().resolve(AstraRun.INPUT_FILE);
        if (!Files.isRegularFile(input)) {
            return;
        }
        NamelistFile run = NamelistParser.parse(Files.readString(input, StandardCharsets.ISO_8859_1));
        int runNumber = (int) run.group("NEWRUN").flatMap(n -> n.number("RUN")).orElse(1.0).doubleValue();
        double zStop = run.group("OUTPUT").flatMap(n -> n.number("ZSTOP")).orElse(Double.NaN);
        Path xemit = job.workspace().resolve(TableKind.XEMIT.fileName(AstraRun.STEM, runNumber));
        if (!Files.isRegularFile(xemit) || !(zStop > 0)) {
            return;
        }
        AstraTable table = AstraTable.read(TableKind.XEMIT, xemit);
        if (table.rows() > 0) {
            double z = table.last("z");
            job.progress(Math.max(0, Math.min(0.95, z / zStop)), String.format(java.util.Locale.ROOT,
                    "tracking: z = %.3f m of %.3f m", z, zStop));
        }
    }

    @Override
    public Result collect(AstraInputs in, JobContext job, ProcessOutcome outcome) throws Exception {
        job.progress(0.9, "reading ASTRA's outputs");
        NamelistFile run = NamelistParser.parse(Files.readString(job.workspace().resolve(AstraRun.INPUT_FILE),
                StandardCharsets.ISO_8859_1));
        try {
            return AstraResults.collect(job.workspace(), read(outcome.stdout()), run, in.statisticsSlices());
        } catch (AstraRun.InvalidRun e) {
            throw new JobFailure(e.getMessage());
        }
    }

    /** Every particle distribution ASTRA wrote ({@code run.<z in cm>.<run>}), at the error bound the user chose. */
    @Override
    public java.util.List<Compactable> compactable(AstraInputs in, Path workspace) throws java.io.IOException {
        java.util.regex.Pattern dump = java.util.regex.Pattern.compile(java.util.regex.Pattern.quote(AstraRun.STEM)
                + "\\.\\d{4}\\.\\d{3}");
        try (var files = Files.list(workspace)) {
            return files.filter(Files::isRegularFile).map(p -> p.getFileName().toString())
                    .filter(name -> dump.matcher(name).matches()).sorted()
                    .map(name -> new Compactable(name, in.compressionRelativeError())).toList();
        }
    }

    @Override
    public void compact(Path original, Path compact, double relativeError) throws java.io.IOException {
        CompactParticleFile.compact(original, compact, relativeError);
    }

    @Override
    public void restore(Path compact, java.io.OutputStream out) throws java.io.IOException {
        CompactParticleFile.restore(compact, out);
    }

    private static String read(Path p) throws java.io.IOException {
        return p != null && Files.exists(p) ? Files.readString(p, StandardCharsets.ISO_8859_1) : "";
    }
}
