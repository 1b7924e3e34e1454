package org.plinth.apps.astra;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The run namelist {@code run.in} of an astra job: from the typed inputs, or a user's namelist
 * with its Distribution pointed at the staged particles. ASTRA names every output after the
 * input file's stem and the run number: {@code run.Xemit.001}, {@code run.0100.001} …
 */
public final class AstraRun {

    public static final String STEM = "run";
    public static final String INPUT_FILE = STEM + ".in";
    static final String CAVITY_FIELD_FILE = "cavity-field.dat";
    static final String SOLENOID_FIELD_FILE = "solenoid-field.dat";

    private AstraRun() {
    }

    /** Writes run.in (and inline field maps) into the workspace; answers the namelist written. */
    public static NamelistFile write(AstraInputs in, Path workspace) throws IOException, NamelistException, InvalidRun {
        NamelistFile run = in.namelist() != null ? fromFile(in, workspace) : fromInputs(in, workspace);
        Files.writeString(workspace.resolve(INPUT_FILE), NamelistWriter.write(run), StandardCharsets.US_ASCII);
        return run;
    }

    private static NamelistFile fromFile(AstraInputs in, Path workspace) throws IOException, NamelistException, InvalidRun {
        NamelistFile run = NamelistParser.parse(Files.readString(workspace.resolve(in.namelist()), StandardCharsets.ISO_8859_1));
        Namelist newrun = run.group("NEWRUN").orElseThrow(() -> new InvalidRun("the namelist has no &NEWRUN group"));
        if (in.particles() != null) {
            newrun.set("Distribution", in.particles());
        } else if (newrun.get("Distribution").isEmpty()) {
            throw new InvalidRun("give particles, or a Distribution in the namelist's &NEWRUN");
        }
        return run;
    }

    static NamelistFile fromInputs(AstraInputs in, Path workspace) throws IOException, InvalidRun {
        if (in.particles() == null) {
            throw new InvalidRun("particles is required (e.g. job:<generator job id>/generator.ini) unless a namelist is given");
        }
        if (!(in.zStop() > in.zStart())) {
            throw new InvalidRun("zStop (" + in.zStop() + " m) must lie beyond zStart (" + in.zStart() + " m)");
        }
        NamelistFile run = new NamelistFile(java.util.List.of());
        run.require("NEWRUN").set("Head", in.title()).set("RUN", (long) in.runNumber())
                .set("Distribution", in.particles()).set("TRACK_ALL", in.trackAll()).set("AUTO_PHASE", in.autoPhase())
                .set("check_ref_part", in.checkReferenceParticle()).set("H_max", in.maxTimeStep()).set("H_min", in.minTimeStep());
        Namelist output = run.require("OUTPUT").set("ZSTART", in.zStart()).set("ZSTOP", in.zStop())
                .set("Zemit", (long) in.tableRows()).set("Zphase", (long) in.particleDumps())
                .set("EmitS", true).set("PhaseS", true).set("LandFS", true).set("High_res", true);
        for (int i = 0; i < in.screens().size(); i++) {
            output.set("Screen", i + 1, in.screens().get(i));
        }
        run.require("CHARGE").set("LSPCH", in.spaceCharge()).set("LSPCH3D", in.spaceCharge3d())
                .set("Nrad", (long) in.radialCells()).set("Nlong_in", (long) in.longitudinalCells())
                .set("Lmirror", in.mirrorCharge());
        Namelist cavity = run.require("CAVITY");
        String cavityMap = fieldMap(in.cavityFieldMap(), in.cavityFieldTable(), CAVITY_FIELD_FILE, "cavity", workspace);
        cavity.set("LEFieLD", cavityMap != null);
        if (cavityMap != null) {
            cavity.set("File_Efield", 1, cavityMap).set("Nue", 1, in.cavityFrequency()).set("MaxE", 1, in.cavityMaxField())
                    .set("Phi", 1, in.cavityPhase()).set("C_pos", 1, in.cavityPosition());
        }
        Namelist solenoid = run.require("SOLENOID");
        String solenoidMap = fieldMap(in.solenoidFieldMap(), in.solenoidFieldTable(), SOLENOID_FIELD_FILE, "solenoid", workspace);
        solenoid.set("LBFieLD", solenoidMap != null);
        if (solenoidMap != null) {
            solenoid.set("File_Bfield", 1, solenoidMap).set("MaxB", 1, in.solenoidMaxField()).set("S_pos", 1, in.solenoidPosition());
        }
        Namelist quads = run.require("QUADRUPOLE").set("LQuad", !in.quadrupoles().isEmpty());
        for (int i = 0; i < in.quadrupoles().size(); i++) {
            Quadrupole q = in.quadrupoles().get(i);
            quads.set("Q_pos", i + 1, q.position()).set("Q_length", i + 1, q.length()).set("Q_grad", i + 1, q.gradient());
        }
        return run;
    }

    private static String fieldMap(String file, FieldTable table, String name, String element, Path workspace)
            throws IOException, InvalidRun {
        if (file != null && table != null) {
            throw new InvalidRun("give the " + element + " field map as a file or as a table, not both");
        }
        if (table != null) {
            try (Writer w = Files.newBufferedWriter(workspace.resolve(name), StandardCharsets.US_ASCII)) {
                table.write(w);
            }
            return name;
        }
        return file;
    }

    /** Inputs that make no run: the user's to fix. */
    public static class InvalidRun extends Exception {
        public InvalidRun(String message) {
            super(message, null, false, false);
        }
    }
}
