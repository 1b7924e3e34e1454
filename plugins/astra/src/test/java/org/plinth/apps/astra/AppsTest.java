package org.plinth.apps.astra;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import java.lang.reflect.RecordComponent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.plinth.api.Alias;
import org.plinth.api.DefaultValue;
import org.plinth.api.JobFailure;
import org.plinth.api.ProcessOutcome;
import org.plinth.api.Resources;
import org.plinth.api.Result;

/** The generator and astra apps around their SPI calls, with settings instead of MicroProfile Config. */
class AppsTest {

    @TempDir
    Path workspace;

    static final AstraSettings NOTHING = AstraSettings.from(k -> Optional.empty());

    /** The record with every input at its @DefaultValue, then the given values. */
    @SuppressWarnings("unchecked")
    static <R extends Record> R inputs(Class<R> type, Map<String, Object> given) throws Exception {
        RecordComponent[] cs = type.getRecordComponents();
        Object[] args = new Object[cs.length];
        for (int i = 0; i < cs.length; i++) {
            String name = cs[i].getName();
            if (given.containsKey(name)) {
                args[i] = given.get(name);
                continue;
            }
            DefaultValue d = cs[i].getAnnotation(DefaultValue.class);
            if (d == null) {
                continue;
            }
            Object v = org.plinth.api.Jsons.createReader(new java.io.StringReader(d.value())).readValue();
            Class<?> t = cs[i].getType();
            String s = v.toString();
            args[i] = t == String.class ? s.substring(1, s.length() - 1) : t == Integer.class ? Integer.valueOf(s)
                    : t == Double.class ? Double.valueOf(s) : t == Boolean.class ? Boolean.valueOf(s)
                    : t == List.class ? List.of() : null;
        }
        return (R) type.getDeclaredConstructor(java.util.Arrays.stream(cs).map(RecordComponent::getType)
                .toArray(Class<?>[]::new)).newInstance(args);
    }

    @Test
    void theNativeGeneratorWritesAParticleFileAndItsStatistics() throws Exception {
        GeneratorInputs in = inputs(GeneratorInputs.class, Map.of("particleCount", 20_000, "seed", 5L, "totalCharge", 0.5));
        Result r = new GeneratorApp(NOTHING).run(in, new TestJob(workspace));
        JsonObject stats = r.data().getJsonObject("statistics");
        assertEquals(20_000, stats.getInt("particles"));
        assertEquals(-0.5, stats.getJsonNumber("totalCharge_nC").doubleValue(), 1e-9);
        assertEquals(0.75, stats.getJsonNumber("rmsX_mm").doubleValue(), 0.75 * 0.02);
        assertEquals(10, stats.getJsonArray("slices").size());
        assertTrue(r.summary().startsWith("20000 electrons, 0.5000 nC, 2.000 MeV"), r.summary());
        assertTrue(Files.size(workspace.resolve("generator.ini")) > 20_000 * 160, "E20.12 lines");
        NamelistFile written = NamelistParser.parse(Files.readString(workspace.resolve("generator.in")));
        assertEquals("generator.ini", written.group("INPUT").orElseThrow().get("FNAME").orElseThrow());
        assertTrue(Files.readString(workspace.resolve(AliasTable.FILE)).contains("particleCount = IPart\n"));
    }

    @Test
    void aRawGeneratorNamelistDrivesTheNativeEngine() throws Exception {
        Path file = workspace.resolve("inputs/namelist/generator.in");
        Files.createDirectories(file.getParent());
        Files.copy(Fixtures.path("lume-astra-tws/generator.in"), file);
        GeneratorInputs in = inputs(GeneratorInputs.class, Map.of("namelist", "inputs/namelist/generator.in", "seed", 1L));
        // tws: 1000 electrons from a cathode, Gaussian in time (2 ps) and space (0.52 mm), Dist_pz='i'
        Result r = new GeneratorApp(NOTHING).run(in, new TestJob(workspace));
        JsonObject stats = r.data().getJsonObject("statistics");
        assertEquals(1000, stats.getInt("atCathode"));
        assertEquals(0.52, stats.getJsonNumber("rmsX_mm").doubleValue(), 0.52 * 0.1);
        assertEquals(0.002, stats.getJsonNumber("rmsClock_ns").doubleValue(), 0.002 * 0.1);
    }

    @Test
    void theAstraEngineWithoutItsBinaryFailsTheJobSayingWhatToSet() throws Exception {
        GeneratorInputs in = inputs(GeneratorInputs.class, Map.of("engine", "astra"));
        JobFailure f = assertThrows(JobFailure.class, () -> new GeneratorApp(NOTHING).run(in, new TestJob(workspace)));
        assertTrue(f.getMessage().contains("plinth.apps.astra.binary-path"), f.getMessage());
        assertTrue(new GeneratorApp(NOTHING).availability().available(), "native needs nothing");
    }

    @Test
    void unsupportedShapesFailTheJobWithTheReason() throws Exception {
        Path file = workspace.resolve("g.in");
        Files.copy(Fixtures.path("lume-astra-inputs/srfgun_generator.in"), file); // Dist_pz='isotropic'
        GeneratorInputs in = inputs(GeneratorInputs.class, Map.of("namelist", "g.in"));
        JobFailure f = assertThrows(JobFailure.class, () -> new GeneratorApp(NOTHING).run(in, new TestJob(workspace)));
        assertTrue(f.getMessage().contains("engine astra"), f.getMessage());
    }

    @Test
    void astraIsUnavailableWithoutBinariesOrWithAWrongChecksum(@TempDir Path bin) throws Exception {
        assertFalse(new AstraApp(NOTHING).availability().available());
        assertTrue(new AstraApp(NOTHING).availability().reason().contains("ASTRA_BINARY_PATH"));
        Path astra = executable(bin.resolve("astra"), "#!/bin/sh\necho Goodbye.\n");
        AstraSettings fromEnvName = AstraSettings.from(k -> k.equals("ASTRA_BINARY_PATH") ? Optional.of(bin.toString()) : Optional.empty());
        assertTrue(new AstraApp(fromEnvName).availability().available(), "the web API's variable name is read too");
        String sha = AstraBinaries.sha256(astra);
        Map<String, String> config = new HashMap<>(Map.of(AstraSettings.BINARY_PATH, bin.toString(),
                AstraSettings.CHECKSUMS, "astra=" + sha));
        assertTrue(new AstraApp(AstraSettings.from(k -> Optional.ofNullable(config.get(k)))).availability().available());
        config.put(AstraSettings.CHECKSUMS, "astra=" + "0".repeat(64));
        var a = new AstraApp(AstraSettings.from(k -> Optional.ofNullable(config.get(k)))).availability();
        assertFalse(a.available());
        assertTrue(a.reason().contains(sha), a.reason());
        config.put(AstraSettings.CHECKSUMS, "astra=abc");
        IllegalArgumentException bad = assertThrows(IllegalArgumentException.class,
                () -> AstraSettings.from(k -> Optional.ofNullable(config.get(k))));
        assertTrue(bad.getMessage().contains("64 hex digits"), bad.getMessage());
    }

    static Path executable(Path p, String script) throws Exception {
        Files.writeString(p, script);
        p.toFile().setExecutable(true);
        return p;
    }

    @Test
    void prepareWritesTheRunNamelistAndTheCommand(@TempDir Path bin) throws Exception {
        executable(bin.resolve("astra"), "#!/bin/sh\n");
        AstraSettings settings = AstraSettings.from(k -> k.equals(AstraSettings.BINARY_PATH) ? Optional.of(bin.toString()) : Optional.empty());
        AstraInputs in = inputs(AstraInputs.class, Map.of("particles", "inputs/particles/generator.ini", "zStop", 2.5,
                "screens", List.of(1.0, 2.0), "cavityFieldTable", new FieldTable(List.of(0.0, 0.1, 0.2), List.of(0.0, 1.0, 0.0)),
                "cavityMaxField", 60.0, "solenoidFieldMap", "inputs/solenoidFieldMap/sol.dat", "solenoidMaxField", 0.2,
                "quadrupoles", List.of(new Quadrupole(1.5, 0.2, 3.0)), "spaceCharge", true));
        var command = new AstraApp(settings).prepare(in, new TestJob(workspace));
        assertEquals(List.of(bin.resolve("astra").toString(), "run.in"), command.argv());
        NamelistFile run = NamelistParser.parse(Files.readString(workspace.resolve("run.in")));
        assertEquals("inputs/particles/generator.ini", run.group("NEWRUN").orElseThrow().get("Distribution").orElseThrow());
        assertEquals(2.5, run.group("OUTPUT").orElseThrow().get("ZSTOP").orElseThrow());
        assertEquals(2.0, run.group("OUTPUT").orElseThrow().get("Screen", 2).orElseThrow());
        assertEquals(true, run.group("CHARGE").orElseThrow().get("LSPCH").orElseThrow());
        Namelist cavity = run.group("CAVITY").orElseThrow();
        assertEquals("cavity-field.dat", cavity.get("File_Efield", 1).orElseThrow());
        assertEquals(60.0, cavity.get("MaxE", 1).orElseThrow());
        assertEquals(3, Files.readAllLines(workspace.resolve("cavity-field.dat")).size());
        assertEquals("1.000000000000E-01 1.000000000000E+00", Files.readAllLines(workspace.resolve("cavity-field.dat")).get(1));
        assertEquals("inputs/solenoidFieldMap/sol.dat", run.group("SOLENOID").orElseThrow().get("File_Bfield", 1).orElseThrow());
        assertEquals(3.0, run.group("QUADRUPOLE").orElseThrow().get("Q_grad", 1).orElseThrow());
        assertEquals(true, run.group("QUADRUPOLE").orElseThrow().get("LQuad").orElseThrow());

        // more than one core: parallel_astra under mpirun, which must be there
        TestJob twoCores = new TestJob(workspace, new Resources(2, 1024, 60));
        JobFailure f = assertThrows(JobFailure.class, () -> new AstraApp(settings).prepare(in, twoCores));
        assertTrue(f.getMessage().contains("parallel_astra"), f.getMessage());
    }

    @Test
    void theMpiCommandAddsOnlyTheFlagsItNeeds() {
        Path a = Path.of("/opt/astra/astra");
        Path p = Path.of("/opt/astra/parallel_astra");
        Path m = Path.of("/usr/bin/mpirun");
        assertEquals(List.of("/opt/astra/astra", "run.in"), MpiCommand.argv(a, p, m, 1, true, 2, "run.in"));
        assertEquals(List.of("/usr/bin/mpirun", "-n", "2", "/opt/astra/parallel_astra", "run.in"),
                MpiCommand.argv(a, p, m, 2, false, 2, "run.in"));
        assertEquals(List.of("/usr/bin/mpirun", "-n", "4", "--allow-run-as-root", "--oversubscribe",
                "/opt/astra/parallel_astra", "run.in"), MpiCommand.argv(a, p, m, 4, true, 2, "run.in"));
    }

    @Test
    void aNamelistWithoutParticlesOrARunWithoutLengthIsRefused() throws Exception {
        AstraInputs none = inputs(AstraInputs.class, Map.of());
        assertThrows(AstraRun.InvalidRun.class, () -> AstraRun.write(none, workspace));
        AstraInputs backwards = inputs(AstraInputs.class, Map.of("particles", "p.ini", "zStop", -1.0));
        assertThrows(AstraRun.InvalidRun.class, () -> AstraRun.write(backwards, workspace));
        Files.copy(Fixtures.path("astra-web-xfel/xfel.in"), workspace.resolve("x.in"));
        AstraInputs raw = inputs(AstraInputs.class, Map.of("namelist", "x.in", "particles", "inputs/particles/generator.ini"));
        NamelistFile run = AstraRun.write(raw, workspace);
        assertEquals("inputs/particles/generator.ini", run.group("NEWRUN").orElseThrow().get("Distribution").orElseThrow());
        assertEquals("Main_and_Buck_sym2.prn", run.group("SOLENOID").orElseThrow().get("File_Bfield", 1).orElseThrow());
    }

    @Test
    void collectParsesTheXfelOutputsIntoTheResultAndCsv() throws Exception {
        for (String t : List.of("Xemit", "Yemit", "Zemit")) {
            Files.copy(Fixtures.path("astra-web-xfel/xfel." + t + ".001"), workspace.resolve("run." + t + ".001"));
        }
        Files.copy(Fixtures.path("lume-astra-dcgun/generator.part"), workspace.resolve("run.0320.001"),
                StandardCopyOption.REPLACE_EXISTING);
        Files.copy(Fixtures.path("astra-web-xfel/xfel.in"), workspace.resolve("run.in"));
        Path stdout = Files.copy(Fixtures.path("astra-web-xfel/slurm-12613564.out"), workspace.resolve("stdout.txt"));
        AstraInputs in = inputs(AstraInputs.class, Map.of("particles", "p.ini"));
        Result r = new AstraApp(NOTHING).collect(in, new TestJob(workspace), new ProcessOutcome(0, stdout, stdout));
        JsonObject d = r.data();
        assertEquals(3.2, d.getJsonNumber("zReached_m").doubleValue());
        assertEquals(3.2, d.getJsonNumber("zStop_m").doubleValue());
        assertEquals(0.9181, d.getJsonObject("finalBeam").getJsonNumber("emittanceX_norm_pi_mm_mrad").doubleValue());
        assertEquals(Set.of("Xemit", "Yemit", "Zemit"), d.getJsonObject("tables").keySet());
        assertEquals(201, d.getJsonObject("tables").getJsonObject("Zemit").getJsonObject("data").getJsonArray("kinetic_energy").size());
        assertEquals(1, d.getJsonArray("particleFiles").size());
        assertEquals(320, d.getJsonArray("particleFiles").getJsonObject(0).getInt("z_cm"));
        assertEquals(6, d.getJsonObject("finalParticles").getInt("probes"));
        assertEquals(202, Files.readAllLines(workspace.resolve("Zemit.csv")).size());
        assertEquals("tracked to z = 3.200 m: 6.150 MeV, emittance 0.9181/0.9192 π mm mrad, bunch length 1.216 mm (2 warnings)",
                r.summary());
    }

    @Test
    void aRunThatStoppedEarlyFailsWithAstrasWords() throws Exception {
        Files.copy(Fixtures.path("astra-web-xfel/xfel.in"), workspace.resolve("run.in"));
        Path stdout = Files.writeString(workspace.resolve("stdout.txt"), " Astra\n ERROR: Reference particle lost\n");
        AstraInputs in = inputs(AstraInputs.class, Map.of("particles", "p.ini"));
        JobFailure f = assertThrows(JobFailure.class,
                () -> new AstraApp(NOTHING).collect(in, new TestJob(workspace), new ProcessOutcome(0, stdout, stdout)));
        assertEquals("ASTRA stopped before the end of the run: ERROR: Reference particle lost", f.getMessage());
        assertEquals(Optional.of("ASTRA: ERROR: Reference particle lost"),
                new AstraApp(NOTHING).explainFailure(in, new TestJob(workspace), new ProcessOutcome(1, stdout, stdout)));
    }

    @Test
    void everyAliasIsUniqueAndTheTableListsThem() {
        for (Class<? extends Record> type : List.of(GeneratorInputs.class, AstraInputs.class)) {
            List<String> aliases = AliasTable.of(type).stream().map(AliasTable.Row::mnemonic).toList();
            assertEquals(aliases.size(), aliases.stream().map(String::toLowerCase).collect(Collectors.toSet()).size(), aliases.toString());
        }
        String table = AliasTable.text("generator", GeneratorInputs.class);
        assertTrue(table.contains("totalCharge = Q_total [nC]\n"), table);
        assertTrue(AliasTable.text("astra", AstraInputs.class).contains("cavityMaxField = MaxE(1) [MV/m]\n"));
        // every generator mnemonic is one the typed inputs write into &INPUT
        Set<String> written = new java.util.HashSet<>();
        try {
            GeneratorNamelist.from(inputs(GeneratorInputs.class, Map.of())).keys().forEach(written::add);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
        for (AliasTable.Row r : AliasTable.of(GeneratorInputs.class)) {
            assertTrue(written.contains(r.mnemonic().toLowerCase()), r.mnemonic());
        }
        assertTrue(java.util.Arrays.stream(Quadrupole.class.getRecordComponents()).allMatch(c -> c.isAnnotationPresent(Alias.class)));
    }
}
