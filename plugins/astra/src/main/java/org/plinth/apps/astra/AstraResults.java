package org.plinth.apps.astra;

import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.plinth.api.Jsons;
import org.plinth.api.Result;

/**
 * Turns what an astra run left in its workspace into the job's result: the final beam (from the
 * stdout summary, else the tables' last rows), the tables along z as arrays (and as CSV files),
 * the statistics of every particle distribution it wrote, and how far it got.
 */
public final class AstraResults {

    private AstraResults() {
    }

    /** The result; throws {@link AstraRun.InvalidRun} when ASTRA did not finish (its own words as the message). */
    public static Result collect(Path workspace, String stdout, NamelistFile run, int slices)
            throws IOException, AstraRun.InvalidRun {
        AstraStdout out = AstraStdout.parse(stdout);
        Namelist newrun = run.group("NEWRUN").orElseGet(() -> new Namelist("NEWRUN"));
        Namelist output = run.group("OUTPUT").orElseGet(() -> new Namelist("OUTPUT"));
        int runNumber = (int) newrun.number("RUN").orElse(1.0).doubleValue();
        double zStop = output.number("ZSTOP").orElse(Double.NaN);
        if (!out.finished()) {
            String why = !out.errors().isEmpty() ? String.join(" / ", out.errors()) : lastLines(stdout);
            throw new AstraRun.InvalidRun("ASTRA stopped before the end of the run" + (why.isEmpty() ? "" : ": " + why));
        }
        JsonObjectBuilder tables = Jsons.createObjectBuilder();
        JsonObjectBuilder csv = Jsons.createObjectBuilder();
        AstraTable x = null, y = null, z = null;
        for (TableKind kind : TableKind.values()) {
            Path file = workspace.resolve(kind.fileName(AstraRun.STEM, runNumber));
            if (!Files.isRegularFile(file)) {
                continue;
            }
            AstraTable t = AstraTable.read(kind, file);
            tables.add(kind.suffix(), t.toJson());
            String csvName = kind.suffix() + ".csv";
            try (Writer w = Files.newBufferedWriter(workspace.resolve(csvName), StandardCharsets.UTF_8)) {
                t.writeCsv(w);
            }
            csv.add(kind.suffix(), csvName);
            switch (kind) {
                case XEMIT -> x = t;
                case YEMIT -> y = t;
                case ZEMIT -> z = t;
                default -> { }
            }
        }
        List<ParticleDump> dumps = dumps(workspace, runNumber);
        JsonArrayBuilder particles = Jsons.createArrayBuilder();
        BeamStatistics last = null;
        for (ParticleDump d : dumps) {
            BeamStatistics s = ParticleStatistics.of(ParticleFiles.read(d.path()), slices);
            particles.add(Jsons.createObjectBuilder().add("file", d.path().getFileName().toString())
                    .add("z_cm", d.zCm()).add("statistics", s.toJson()));
            last = s;
        }
        JsonObject finalBeam = !out.finalBeam().isEmpty() ? out.finalBeamJson() : fromTables(x, y, z);
        double zReached = x != null && x.rows() > 0 ? x.last("z")
                : out.finalBeam().getOrDefault("z", last != null ? last.meanZM() : Double.NaN);
        JsonObjectBuilder data = Jsons.createObjectBuilder().add("finished", true).add("run", runNumber);
        if (out.version() != null) {
            data.add("astraVersion", out.version());
        }
        BeamStatistics.put(data, "zStop_m", zStop);
        BeamStatistics.put(data, "zReached_m", zReached);
        data.add("warnings", Jsons.createArrayBuilder(out.warnings()))
                .add("finalBeam", finalBeam)
                .add("tables", tables)
                .add("particleFiles", particles);
        if (last != null) {
            data.add("finalParticles", last.toJson());
        }
        data.add("outputs", Jsons.createObjectBuilder().add("csv", csv).add("namelist", AstraRun.INPUT_FILE));
        return new Result(data.build(), summary(finalBeam, zReached, out.warnings().size()));
    }

    private static JsonObject fromTables(AstraTable x, AstraTable y, AstraTable z) {
        JsonObjectBuilder b = Jsons.createObjectBuilder();
        if (x != null && x.rows() > 0) {
            b.add("z_m", x.last("z")).add("meanX_mm", x.last("x_mean")).add("rmsX_mm", x.last("x_rms"))
                    .add("emittanceX_norm_pi_mm_mrad", x.last("emittance_x_norm"));
        }
        if (y != null && y.rows() > 0) {
            b.add("meanY_mm", y.last("y_mean")).add("rmsY_mm", y.last("y_rms"))
                    .add("emittanceY_norm_pi_mm_mrad", y.last("emittance_y_norm"));
        }
        if (z != null && z.rows() > 0) {
            b.add("meanKineticEnergy_MeV", z.last("kinetic_energy")).add("bunchLength_mm", z.last("z_rms"))
                    .add("energySpread_keV", z.last("energy_spread")).add("emittanceZ_pi_keV_mm", z.last("emittance_z"));
        }
        return b.build();
    }

    /** A particle distribution ASTRA wrote: {@code run.<z in cm, 4 digits>.<run>}. */
    record ParticleDump(Path path, int zCm) {
    }

    static List<ParticleDump> dumps(Path workspace, int runNumber) throws IOException {
        Pattern name = Pattern.compile(Pattern.quote(AstraRun.STEM) + "\\.(\\d{4})\\."
                + String.format(Locale.ROOT, "%03d", runNumber));
        List<ParticleDump> out = new ArrayList<>();
        try (Stream<Path> files = Files.list(workspace)) {
            for (Path p : (Iterable<Path>) files::iterator) {
                Matcher m = name.matcher(p.getFileName().toString());
                if (m.matches() && Files.isRegularFile(p)) {
                    out.add(new ParticleDump(p, Integer.parseInt(m.group(1))));
                }
            }
        }
        out.sort(java.util.Comparator.comparingInt(ParticleDump::zCm));
        return out;
    }

    private static String summary(JsonObject beam, double zReached, int warnings) {
        StringBuilder s = new StringBuilder(String.format(Locale.ROOT, "tracked to z = %.4g m", zReached));
        if (beam.containsKey("meanKineticEnergy_MeV")) {
            s.append(String.format(Locale.ROOT, ": %.4g MeV", beam.getJsonNumber("meanKineticEnergy_MeV").doubleValue()));
        }
        if (beam.containsKey("emittanceX_norm_pi_mm_mrad") && beam.containsKey("emittanceY_norm_pi_mm_mrad")) {
            s.append(String.format(Locale.ROOT, ", emittance %.4g/%.4g π mm mrad",
                    beam.getJsonNumber("emittanceX_norm_pi_mm_mrad").doubleValue(),
                    beam.getJsonNumber("emittanceY_norm_pi_mm_mrad").doubleValue()));
        }
        if (beam.containsKey("bunchLength_mm")) {
            s.append(String.format(Locale.ROOT, ", bunch length %.4g mm", beam.getJsonNumber("bunchLength_mm").doubleValue()));
        }
        if (warnings > 0) {
            s.append(" (").append(warnings).append(warnings == 1 ? " warning)" : " warnings)");
        }
        return s.toString();
    }

    static String lastLines(String text) {
        List<String> lines = text.lines().map(String::strip).filter(l -> !l.isEmpty() && !l.startsWith("---")).toList();
        return String.join(" / ", lines.subList(Math.max(0, lines.size() - 3), lines.size()));
    }
}
