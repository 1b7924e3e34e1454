package org.plinth.apps.astra;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.json.JsonObjectBuilder;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.plinth.api.AppInfo;
import org.plinth.api.CompactOutputs;
import org.plinth.api.InProcessApp;
import org.plinth.api.JobContext;
import org.plinth.api.JobFailure;
import org.plinth.api.Jsons;
import org.plinth.api.Result;

/**
 * ASTRA's particle generator as an app. An in-process app rather than a process app because its
 * default engine is pure Java and the SPI fixes an app's shape, not a job's: a process app must
 * return a command even when there is nothing to run. The {@code astra} engine runs ASTRA's
 * generator binary from here (a second or so of one core; see {@link LocalTool}); tracking runs,
 * which are long and parallel, go through the host's executors as the {@code astra} app.
 * The app is always available (the native engine needs nothing); the astra engine without its
 * binary fails the job with the configuration to set.
 */
@ApplicationScoped
public class GeneratorApp implements InProcessApp<GeneratorInputs>, CompactOutputs<GeneratorInputs> {

    public static final String NAMELIST_FILE = "generator.in";
    public static final String LOG_FILE = "generator.log";

    private static final AppInfo INFO = new AppInfo("generator", "1.0", "ASTRA particle generator",
            "Makes an initial particle distribution for ASTRA (a genuine ASTRA particle file, generator.ini) from the "
                    + "generator's &INPUT settings: natively in Java (gauss, uniform, inverted parabola, plateau, radial; "
                    + "correlated divergence and energy spread) or with ASTRA's generator binary. Result: the beam's "
                    + "statistics (sizes, emittances, energy, charge, slices). Feed it to astra as job:<id>/generator.ini.");

    private final AstraSettings fixedSettings;

    public GeneratorApp() {
        this(null);
    }

    /** For tests: fixed settings instead of MicroProfile Config. */
    GeneratorApp(AstraSettings settings) {
        this.fixedSettings = settings;
    }

    private AstraSettings settings() {
        return fixedSettings != null ? fixedSettings : AstraSettings.fromMicroProfileConfig();
    }

    @Override
    public AppInfo info() {
        return INFO;
    }

    @Override
    public Class<GeneratorInputs> inputType() {
        return GeneratorInputs.class;
    }

    @Override
    public Result run(GeneratorInputs in, JobContext job) throws Exception {
        Path workspace = job.workspace();
        Namelist input = namelist(in, workspace);
        Files.writeString(workspace.resolve(NAMELIST_FILE), NamelistWriter.write(input), StandardCharsets.UTF_8);
        Files.writeString(workspace.resolve(AliasTable.FILE), AliasTable.text(INFO.id(), GeneratorInputs.class),
                StandardCharsets.UTF_8);
        Path output = workspace.resolve(GeneratorNamelist.OUTPUT);
        long seed = in.seed() != null ? in.seed() : new java.security.SecureRandom().nextLong();
        if ("astra".equals(in.engine())) {
            job.progress(0.1, "running ASTRA's generator");
            runBinary(job);
        } else {
            job.progress(0.1, "drawing " + input.number("IPart").orElse(0.0).longValue() + " particles");
            ParticleFile particles;
            try {
                particles = NativeGenerator.generate(input, seed);
            } catch (Shape.UnsupportedShapeException e) {
                throw new JobFailure(e.getMessage());
            }
            try (Writer w = Files.newBufferedWriter(output, StandardCharsets.US_ASCII)) {
                ParticleFiles.write(particles, w, input.logical("High_res").orElse(false));
            }
        }
        if (!Files.isRegularFile(output)) {
            throw new JobFailure("the generator wrote no " + GeneratorNamelist.OUTPUT + tail(workspace.resolve(LOG_FILE)));
        }
        job.progress(0.8, "computing the statistics");
        BeamStatistics stats = ParticleStatistics.of(ParticleFiles.read(output), in.statisticsSlices());
        JsonObjectBuilder data = Jsons.createObjectBuilder()
                .add("engine", in.engine())
                .add("particleFile", GeneratorNamelist.OUTPUT)
                .add("namelist", NAMELIST_FILE)
                .add("statistics", stats.toJson());
        if (!"astra".equals(in.engine())) {
            data.add("seed", seed);
        }
        return new Result(data.build(), summary(stats, in.engine()));
    }

    private static Namelist namelist(GeneratorInputs in, Path workspace) throws Exception {
        Namelist input;
        if (in.namelist() != null) {
            try {
                input = NamelistParser.parse(Files.readString(workspace.resolve(in.namelist()), StandardCharsets.ISO_8859_1))
                        .group("INPUT").orElseThrow(() -> new JobFailure("the namelist file has no &INPUT group"));
            } catch (NamelistException e) {
                throw new JobFailure("namelist " + Path.of(in.namelist()).getFileName() + ": " + e.getMessage());
            }
        } else {
            try {
                input = GeneratorNamelist.from(in);
            } catch (Shape.UnsupportedShapeException e) {
                throw new JobFailure(e.getMessage());
            }
        }
        // one known name, so the result and a following astra job can find the particles
        return input.set("FNAME", GeneratorNamelist.OUTPUT);
    }

    private void runBinary(JobContext job) throws Exception {
        AstraBinaries.Found generator = settings().binaries().find(AstraBinaries.GENERATOR);
        if (!generator.present()) {
            throw new JobFailure("engine astra is unavailable: " + generator.problem() + "; engine native needs no binary");
        }
        Path log = job.workspace().resolve(LOG_FILE);
        int exit = LocalTool.run(List.of(generator.path().toString(), NAMELIST_FILE), job.workspace(), log,
                job.resources().walltimeSeconds());
        if (exit == -1) {
            throw new JobFailure("ASTRA's generator ran longer than the job's " + job.resources().walltimeSeconds() + " s");
        }
        if (exit != 0) {
            throw new JobFailure("ASTRA's generator exited with status " + exit + tail(log));
        }
    }

    private static String tail(Path log) throws IOException {
        if (!Files.exists(log)) {
            return "";
        }
        List<String> lines = Files.readAllLines(log, StandardCharsets.ISO_8859_1).stream().map(String::strip)
                .filter(l -> !l.isEmpty()).toList();
        return lines.isEmpty() ? "" : ": " + String.join(" / ", lines.subList(Math.max(0, lines.size() - 3), lines.size()));
    }

    /** The particle file it made, at the error bound the user chose. */
    @Override
    public List<Compactable> compactable(GeneratorInputs in, Path workspace) {
        return Files.isRegularFile(workspace.resolve(GeneratorNamelist.OUTPUT))
                ? List.of(new Compactable(GeneratorNamelist.OUTPUT, in.compressionRelativeError())) : List.of();
    }

    @Override
    public void compact(Path original, Path compact, double relativeError) throws IOException {
        CompactParticleFile.compact(original, compact, relativeError);
    }

    @Override
    public void restore(Path compact, java.io.OutputStream out) throws IOException {
        CompactParticleFile.restore(compact, out);
    }

    static String summary(BeamStatistics s, String engine) {
        return String.format(Locale.ROOT, "%d %s, %.4g nC, %.4g MeV, emittance %.3g/%.3g π mm mrad (%s)",
                s.beamParticles(), s.species(), Math.abs(s.totalChargeNc()), s.meanKineticEnergyMeV(),
                s.emittanceXNormMmMrad(), s.emittanceYNormMmMrad(), engine);
    }
}
