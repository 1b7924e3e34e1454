package org.plinth.apps.sourcefinder;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import nom.tam.fits.Fits;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.plinth.api.Command;
import org.plinth.api.JobContext;
import org.plinth.api.ProcessOutcome;
import org.plinth.api.Resources;
import org.plinth.api.Result;

/**
 * The app's prepare → SExtractor → collect, as the host runs them, without the host. Skips with
 * the reason without SExtractor, fails then when PLINTH_REQUIRE_TOOLS=true (CI).
 */
class SourceFinderAppTest {

    @TempDir
    Path workspace;
    final List<String> progress = new ArrayList<>();
    final SourceFinderApp app = new SourceFinderApp();
    final JobContext job = new JobContext() {
        public String jobId() { return "j1"; }
        public String owner() { return "alice"; }
        public Path workspace() { return workspace; }
        public Resources resources() { return Resources.DEFAULT; }
        public void progress(double fraction, String message) { progress.add(fraction + " " + message); }
    };

    @BeforeEach
    void needsSextractor() {
        if (!app.availability().available()) {
            String reason = app.availability().reason();
            if ("true".equalsIgnoreCase(System.getenv("PLINTH_REQUIRE_TOOLS"))) {
                throw new IllegalStateException(reason + " (PLINTH_REQUIRE_TOOLS=true)");
            }
            System.out.println("[source-finder] SKIPPED: " + reason);
            Assumptions.abort(reason);
        }
    }

    @Test
    void findsPointSourcesInAFourDimensionalRadioStyleImage() throws Exception {
        int n = 128;
        float[][][][] data = new float[1][1][n][n];
        Random r = new Random(3);
        for (int y = 0; y < n; y++) {
            for (int x = 0; x < n; x++) {
                data[0][0][y][x] = (float) (10 + r.nextGaussian());
            }
        }
        double[][] truth = {{30.3, 40.7}, {90.1, 100.2}, {64, 20.5}}; // FITS pixels
        for (double[] t : truth) {
            for (int y = 0; y < n; y++) {
                for (int x = 0; x < n; x++) {
                    double dx = x + 1 - t[0], dy = y + 1 - t[1];
                    data[0][0][y][x] += (float) (200 * Math.exp(-(dx * dx + dy * dy) / (2 * 1.5 * 1.5)));
                }
            }
        }
        Files.createDirectories(workspace.resolve("inputs/image"));
        try (Fits f = new Fits()) {
            f.addHDU(Fits.makeHDU(data));
            f.write(workspace.resolve("inputs/image/radio, [1].fits").toFile());
        }
        SourceFinderInputs in = Inputs.defaults("inputs/image/radio, [1].fits");
        Command command = app.prepare(in, job);
        assertEquals(List.of("source-finder-image.fits", "-c", "source-finder.sex"), command.argv().subList(1, 4));
        Path stdout = workspace.resolve(".out");
        Path stderr = workspace.resolve(".err");
        Process p = new ProcessBuilder(command.argv()).directory(workspace.toFile())
                .redirectOutput(stdout.toFile()).redirectError(stderr.toFile()).start();
        assertEquals(0, p.waitFor(), Files.readString(stderr));
        Result result = app.collect(in, job, new ProcessOutcome(0, stdout, stderr));
        JsonObject data0 = result.data();
        assertEquals(3, data0.getInt("count"), data0.toString());
        assertEquals("3 sources found", result.summary());
        for (double[] t : truth) {
            assertTrue(data0.getJsonArray("sources").getValuesAs(JsonObject.class).stream().anyMatch(s ->
                    Math.hypot(s.getJsonNumber("x").doubleValue() - t[0], s.getJsonNumber("y").doubleValue() - t[1]) < 0.2),
                    "no source at " + t[0] + "," + t[1] + ": " + data0);
        }
        assertEquals(10, data0.getJsonObject("background").getJsonNumber("level").doubleValue(), 0.2);
        for (String out : List.of("sources.json", "sources.csv", "sources.reg", "preview.png", "catalogue.txt", "source-finder.sex")) {
            assertTrue(Files.size(workspace.resolve(out)) > 0, out);
        }
        assertEquals(4, Files.readAllLines(workspace.resolve("sources.csv")).size());
        assertTrue(Files.notExists(workspace.resolve(SourceFinderApp.IMAGE_LINK), java.nio.file.LinkOption.NOFOLLOW_LINKS));
        assertTrue(progress.get(progress.size() - 1).startsWith("1.0 "), progress.toString());
    }

    @Test
    void aCubeIsRefusedBeforeSextractorRuns() throws Exception {
        Files.createDirectories(workspace.resolve("inputs/image"));
        try (Fits f = new Fits()) {
            f.addHDU(Fits.makeHDU(new float[3][16][16]));
            f.write(workspace.resolve("inputs/image/cube.fits").toFile());
        }
        BadImageException e = assertThrows(BadImageException.class, () -> app.prepare(Inputs.defaults("inputs/image/cube.fits"), job));
        assertEquals("image cube.fits: HDU 0 is a 3-D cube (16×16×3); the source finder needs a 2-D image", e.getMessage());
    }
}
