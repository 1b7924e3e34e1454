package org.plinth.systemtests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The HyPhy apps on HyPhy's own example data (Drosophila adh, 6 × 254 codons), through the API,
 * against the {@code hyphy} command line run by this test on the same files with the same
 * arguments: the job's sites must be the ones read straight from the command line's JSON.
 */
@ExtendWith(PlinthTestServer.class)
class HyphyIT {

    private static final Path BIN = Path.of("/usr/lib/hyphy/bin");
    static final Path ADH = Path.of("/usr/share/hyphy/TemplateBatchFiles/Miscellaneous/phylohandbook/datasets/Drosophilia_adh.nex");
    /** HyPhy takes about 8 s for FEL here when the machine is idle, far longer when it is not. */
    private static final Duration PATIENCE = Duration.ofMinutes(10);

    private final Api alice;
    private Path binary;

    HyphyIT(PlinthTestServer server) {
        this.alice = new Api(server, server.aliceKey());
    }

    @BeforeEach
    void hyphyIsInstalled() throws IOException {
        binary = binary();
        if (binary == null || !Files.isRegularFile(ADH)) {
            RequiredTools.missing("HyPhy is not installed (Debian package hyphy-pt): no binary in " + BIN + " or no " + ADH);
        }
    }

    @Test
    void felSummaryIsWhatTheCommandLineFinds(@TempDir Path cli) throws Exception {
        Alignment adh = Alignment.fromNexus(Files.readString(ADH));
        JsonObject job = submit("hyphy-fel", adh, Json.createObjectBuilder().add("pvalue", 0.1));
        Process direct = hyphy(cli, adh, "fel", "--pvalue", "0.1");

        // progress while it runs: HyPhy's phase headings, read from its stdout every few seconds
        String phase = null;
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        JsonObject now = alice.job(job.getString("id"));
        while (!Api.TERMINAL.contains(now.getString("state")) && System.nanoTime() < deadline) {
            if (now.containsKey("progress") && now.getJsonObject("progress").containsKey("message")) {
                phase = now.getJsonObject("progress").getString("message");
            }
            Api.sleep(200);
            now = alice.job(job.getString("id"));
        }
        System.out.println("[hyphy-it] last phase seen while FEL ran: " + phase);
        assertTrue(phase != null && !phase.isBlank(), "no progress was reported while FEL ran");

        JsonObject done = alice.awaitState(job.getString("id"), Api.TERMINAL, PATIENCE);
        assertEquals("SUCCEEDED", done.getString("state"), done.toString());
        JsonObject expected = finish(direct, cli, "fel");
        JsonObject result = Api.json(alice.get("/jobs/" + done.getString("id") + "/result"));
        JsonObject data = result.getJsonObject("data");

        // FEL's rule, applied here to the command line's JSON: p ≤ 0.1, beta > alpha is positive
        Map<Integer, Double> positive = new TreeMap<>();
        Map<Integer, Double> negative = new TreeMap<>();
        JsonArray rows = expected.getJsonObject("MLE").getJsonObject("content").getJsonArray("0");
        for (int i = 0; i < rows.size(); i++) {
            JsonArray row = rows.getJsonArray(i);
            double alpha = row.getJsonNumber(0).doubleValue();
            double beta = row.getJsonNumber(1).doubleValue();
            double p = row.getJsonNumber(4).doubleValue();
            if (p <= 0.1 && alpha != beta) {
                (beta > alpha ? positive : negative).put(i + 1, p);
            }
        }
        assertFalse(negative.isEmpty(), "the adh data has sites under purifying selection");
        assertSameSites(positive, sites(data.getJsonArray("positive"), "pValue"));
        assertSameSites(negative, sites(data.getJsonArray("negative"), "pValue"));
        assertEquals("FEL: " + positive.size() + " sites under positive and " + negative.size()
                + " under negative selection at p ≤ 0.1 (254 sites)", result.getString("summary"));
        assertEquals(expected.getString("runtime"), data.getString("hyphyVersion"));

        // HyPhy's own JSON is an output of the job, and the summary's numbers are its numbers
        JsonObject kept = Api.json(alice.get("/jobs/" + done.getString("id") + "/outputs/FEL.json"));
        JsonArray keptRows = kept.getJsonObject("MLE").getJsonObject("content").getJsonArray("0");
        assertEquals(254, keptRows.size());
        JsonObject first = data.getJsonArray("negative").getJsonObject(0);
        assertEquals(keptRows.getJsonArray(first.getInt("codon") - 1).getJsonNumber(4).doubleValue(),
                first.getJsonNumber("pValue").doubleValue());
    }

    @Test
    void fubarSummaryIsWhatTheCommandLineFinds(@TempDir Path cli) throws Exception {
        Alignment adh = Alignment.fromNexus(Files.readString(ADH));
        JsonObject job = submit("hyphy-fubar", adh, Json.createObjectBuilder());
        Process direct = hyphy(cli, adh, "fubar", "--cache", "FUBAR.cache");

        JsonObject done = alice.awaitState(job.getString("id"), Api.TERMINAL, PATIENCE);
        assertEquals("SUCCEEDED", done.getString("state"), done.toString());
        JsonObject expected = finish(direct, cli, "fubar");
        JsonObject data = Api.json(alice.get("/jobs/" + done.getString("id") + "/result")).getJsonObject("data");

        // FUBAR's rule at the default 0.9: Prob[alpha<beta] (column 4) positive, Prob[alpha>beta] (3) negative
        Map<Integer, Double> positive = new TreeMap<>();
        Map<Integer, Double> negative = new TreeMap<>();
        JsonArray rows = expected.getJsonObject("MLE").getJsonObject("content").getJsonArray("0");
        for (int i = 0; i < rows.size(); i++) {
            JsonArray row = rows.getJsonArray(i);
            if (row.getJsonNumber(4).doubleValue() >= 0.9) {
                positive.put(i + 1, row.getJsonNumber(4).doubleValue());
            } else if (row.getJsonNumber(3).doubleValue() >= 0.9) {
                negative.put(i + 1, row.getJsonNumber(3).doubleValue());
            }
        }
        assertFalse(positive.isEmpty() && negative.isEmpty());
        assertSameSites(positive, sites(data.getJsonArray("positive"), "posterior"));
        assertSameSites(negative, sites(data.getJsonArray("negative"), "posterior"));
    }

    /**
     * The same sites, with the same statistics to 1e-6 relative: two HyPhy runs with CPU=2 on
     * the same input are not bit for bit equal (threads add in varying order; FEL's p-values
     * were seen to differ from the 9th digit, FUBAR's from the 15th).
     */
    private static void assertSameSites(Map<Integer, Double> expected, Map<Integer, Double> actual) {
        assertEquals(expected.keySet(), actual.keySet());
        expected.forEach((codon, value) -> assertEquals(value, actual.get(codon), Math.abs(value) * 1e-6, "codon " + codon));
    }

    @Test
    void aMalformedAlignmentFailsWithHyphysMessage() {
        String bad = alice.upload("notes.fas", "this is not an alignment\n".getBytes(StandardCharsets.UTF_8)).getString("id");
        JsonObject job = alice.submit(Json.createObjectBuilder().add("app", "hyphy-fubar")
                .add("inputs", Json.createObjectBuilder().add("alignment", bad)).build().toString());
        JsonObject done = alice.awaitState(job.getString("id"), Api.TERMINAL, PATIENCE);
        assertEquals("FAILED", done.getString("state"), done.toString());
        assertEquals(1, done.getInt("exitCode"));
        assertEquals("The format of the sequence file has not been recognized and may be invalid (exited with status 1)",
                done.getString("message"));
    }

    @Test
    void describeSaysWhichHyphyRuns() {
        JsonObject app = Api.json(alice.get("/apps/hyphy-fel"));
        assertTrue(app.getJsonObject("availability").getBoolean("available"), app.toString());
        assertTrue(app.getJsonObject("availability").getString("toolVersion").matches("\\d+\\.\\d+\\.\\d+"), app.toString());
        assertEquals(2, app.getJsonObject("defaultResources").getInt("cores"));
        // a bad option is the caller's mistake, named by field
        JsonObject p = Api.problem(alice.post("/jobs", "{\"app\": \"hyphy-fel\", \"inputs\": {\"alignment\": \"x\", \"code\": \"Martian\"}}"), 400);
        assertTrue(p.toString().contains("inputs.code"), p.toString());
    }

    private JsonObject submit(String app, Alignment data, jakarta.json.JsonObjectBuilder options) {
        String alignment = alice.upload("adh.fas", data.fasta().getBytes(StandardCharsets.UTF_8)).getString("id");
        String tree = alice.upload("adh.nwk", data.newick().getBytes(StandardCharsets.UTF_8)).getString("id");
        return alice.submit(Json.createObjectBuilder().add("app", app)
                .add("inputs", options.add("alignment", alignment).add("tree", tree)).build().toString());
    }

    /** Starts the hyphy command line the way a user would, with the defaults the app uses. */
    private Process hyphy(Path dir, Alignment data, String analysis, String... options) throws IOException {
        Files.writeString(dir.resolve("adh.fas"), data.fasta());
        Files.writeString(dir.resolve("adh.nwk"), data.newick());
        List<String> argv = new ArrayList<>(List.of(binary.toString(), "LIBPATH=/usr/share/hyphy/", "CPU=2", analysis,
                "--alignment", "adh.fas", "--tree", "adh.nwk"));
        argv.addAll(List.of(options));
        argv.addAll(List.of("--output", analysis + ".json"));
        return new ProcessBuilder(argv).directory(dir.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                .redirectOutput(dir.resolve("stdout.txt").toFile()).redirectErrorStream(true).start();
    }

    private static JsonObject finish(Process direct, Path dir, String analysis) throws Exception {
        assertTrue(direct.waitFor(PATIENCE.toSeconds(), TimeUnit.SECONDS), "hyphy " + analysis + " did not end");
        assertEquals(0, direct.exitValue(), Files.readString(dir.resolve("stdout.txt")));
        try (var reader = Json.createReader(Files.newBufferedReader(dir.resolve(analysis + ".json")))) {
            return reader.readObject();
        }
    }

    private static Map<Integer, Double> sites(JsonArray sites, String statistic) {
        Map<Integer, Double> out = new TreeMap<>();
        for (JsonObject s : sites.getValuesAs(JsonObject.class)) {
            out.put(s.getInt("codon"), ((JsonNumber) s.get(statistic)).doubleValue());
        }
        return out;
    }

    /** The binary HyPhy's Debian wrapper would pick; null when HyPhy is absent. */
    private static Path binary() throws IOException {
        String flags = Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("flags"))
                .findFirst().orElse("");
        List<String> names = new ArrayList<>();
        if (flags.matches(".*\\bavx\\b.*")) {
            names.add("hyphy-avx");
        }
        if (flags.matches(".*\\b(pni|sse3)\\b.*")) {
            names.add("hyphy-sse3");
        }
        names.add("hyphy");
        return names.stream().map(BIN::resolve).filter(Files::isExecutable).findFirst().orElse(null);
    }

    /** A simple NEXUS file (one MATRIX, one TREE) as FASTA and Newick: HyPhy ignores --tree for a NEXUS with a tree. */
    record Alignment(String fasta, String newick) {

        static Alignment fromNexus(String nexus) {
            StringBuilder fasta = new StringBuilder();
            String tree = null;
            boolean matrix = false;
            for (String raw : nexus.lines().toList()) {
                String line = raw.strip();
                if (line.equalsIgnoreCase("MATRIX")) {
                    matrix = true;
                } else if (matrix && (line.equals(";") || line.equalsIgnoreCase("END;"))) {
                    matrix = false;
                } else if (matrix && !line.isEmpty()) {
                    String[] parts = line.split("\\s+");
                    fasta.append('>').append(parts[0].replace("'", "")).append('\n')
                            .append(parts[1].replace(";", "")).append('\n');
                    matrix = !parts[1].endsWith(";");
                } else if (line.toUpperCase().startsWith("TREE ")) {
                    tree = line.substring(line.indexOf('=') + 1).strip().replaceAll(";+$", ";");
                }
            }
            return new Alignment(fasta.toString(), tree + "\n");
        }
    }
}
