package org.plinth.systemtests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.ByteArrayOutputStream;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import nom.tam.fits.BasicHDU;
import nom.tam.fits.Fits;
import nom.tam.util.FitsOutputStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The source-finder app through the API with the real SExtractor: synthetic images with noise
 * and 20 point sources at known sub-pixel positions and fluxes, with and without a WCS, and
 * files that are no image.
 */
@ExtendWith(PlinthTestServer.class)
class SourceFinderIT {

    static final Path SEXTRACTOR = Path.of("/usr/bin/source-extractor");
    static final int SIZE = 512;
    static final double BACKGROUND = 100;
    static final double NOISE = 10;
    static final double PSF_SIGMA = 1.5; // px: FWHM 3.5 px
    static final double ARCSEC_PER_PX = 0.2;

    private final Api alice;

    SourceFinderIT(PlinthTestServer server) {
        this.alice = new Api(server, server.aliceKey());
    }

    @BeforeEach
    void needsSextractor() {
        if (!Files.isExecutable(SEXTRACTOR)) {
            RequiredTools.missing(SEXTRACTOR + " not found: install the Debian package source-extractor");
        }
    }

    /** A true source, in FITS pixel coordinates (the first pixel's centre is (1, 1)). */
    record Truth(double x, double y, double flux) {
    }

    @Test
    void findsNineteenOfTwentyPointSourcesWithinHalfAPixel() {
        List<Truth> truth = sources(7);
        JsonObject describe = Api.json(alice.get("/apps/source-finder"));
        assertEquals(true, describe.toString().contains("\"available\":true"), describe.toString());

        long t0 = System.nanoTime();
        JsonObject result = run(image(truth, 7, false));
        long ms = (System.nanoTime() - t0) / 1_000_000;
        Match m = match(truth, result);
        System.out.printf(Locale.ROOT, "[source-finder] no WCS: %d detections, %d/20 matched, %d false, "
                + "position error max %.3f px mean %.3f px, flux error max %.1f %%, submit→result %d ms%n",
                result.getInt("count"), m.found, m.falseDetections, m.maxError, m.meanError, m.maxFluxError * 100, ms);
        assertTrue(m.found >= 19, m.found + " of 20 found: " + result);
        assertTrue(m.falseDetections <= 1, m.falseDetections + " false detections: " + result);
        assertEquals(false, result.getJsonObject("image").getBoolean("wcs"));
        assertTrue(m.maxFluxError < 0.1, "FLUX_AUTO within 10 %: " + m.maxFluxError);
    }

    @Test
    void worldCoordinatesMatchTheTruthWithAWcsHeader() {
        List<Truth> truth = sources(11);
        JsonObject result = run(image(truth, 11, true));
        assertEquals(true, result.getJsonObject("image").getBoolean("wcs"));
        Match m = match(truth, result);
        assertTrue(m.found >= 19, m.found + " of 20 found: " + result);
        double worst = 0;
        for (int i = 0; i < truth.size(); i++) {
            JsonObject s = m.matched.get(i);
            if (s == null) {
                continue;
            }
            double[] radec = Tan.world(truth.get(i).x(), truth.get(i).y());
            double dra = (s.getJsonNumber("ra").doubleValue() - radec[0]) * Math.cos(Math.toRadians(radec[1])) * 3600;
            double ddec = (s.getJsonNumber("dec").doubleValue() - radec[1]) * 3600;
            worst = Math.max(worst, Math.hypot(dra, ddec) / ARCSEC_PER_PX);
        }
        System.out.printf(Locale.ROOT, "[source-finder] TAN WCS: %d/20 matched, worst RA/Dec error %.3f px (%.4f arcsec)%n",
                m.found, worst, worst * ARCSEC_PER_PX);
        assertTrue(worst < 0.25, "RA/Dec within a quarter pixel of the truth: worst " + worst + " px");
    }

    @Test
    void filesThatAreNoImageFailWithAMessage() {
        String text = alice.upload("notes.fits", "these are notes, not an image\n".repeat(100).getBytes()).getString("id");
        JsonObject job = alice.awaitEnd(submit(text));
        assertEquals("FAILED", job.getString("state"), job.toString());
        assertTrue(job.getString("message").contains("not a FITS file"), job.getString("message"));

        String empty = alice.upload("empty.fits", new byte[0]).getString("id");
        job = alice.awaitEnd(submit(empty));
        assertEquals("FAILED", job.getString("state"));
        assertTrue(job.getString("message").contains("the file is empty"), job.getString("message"));

        String cube = alice.upload("cube.fits", fits(new float[3][32][32], false)).getString("id");
        job = alice.awaitEnd(submit(cube));
        assertEquals("FAILED", job.getString("state"));
        assertTrue(job.getString("message").contains("3-D cube (32×32×3)"), job.getString("message"));
        assertTrue(!job.getString("message").contains("Exception") && !job.getString("message").contains("\tat "),
                job.getString("message"));

        // an option out of range is refused at submit, naming the field
        JsonObject p = Api.problem(alice.post("/jobs", "{\"app\": \"source-finder\", \"inputs\": {\"image\": \"" + cube
                + "\", \"detectThreshold\": -1}}"), 400);
        assertTrue(p.toString().contains("detectThreshold"), p.toString());
    }

    // ---- running the app

    private String submit(String fileId) {
        return alice.submit(Json.createObjectBuilder().add("app", "source-finder")
                .add("inputs", Json.createObjectBuilder().add("image", fileId)).build().toString()).getString("id");
    }

    /** Uploads the image, runs the app with its defaults and checks its outputs; answers the result's data. */
    private JsonObject run(byte[] fits) {
        String fileId = alice.upload("field.fits", fits).getString("id");
        String id = submit(fileId);
        JsonObject job = alice.awaitEnd(id);
        assertEquals("SUCCEEDED", job.getString("state"), job.toString());
        JsonObject result = Api.json(alice.get("/jobs/" + id + "/result"));
        JsonObject data = result.getJsonObject("data");
        assertEquals(data.getInt("count") + " sources found" + (data.getJsonObject("image").getBoolean("wcs") ? " (with RA/Dec)" : ""),
                result.getString("summary"));

        HttpResponse<byte[]> png = alice.getBytes("/jobs/" + id + "/outputs/preview.png");
        assertEquals(200, png.statusCode());
        assertEquals("\u0089PNG", new String(png.body(), 0, 4, java.nio.charset.StandardCharsets.ISO_8859_1));
        String csv = alice.get("/jobs/" + id + "/outputs/sources.csv").body();
        assertEquals(data.getInt("count") + 1, csv.lines().count(), csv);
        String regions = alice.get("/jobs/" + id + "/outputs/sources.reg").body();
        assertEquals(data.getInt("count"), regions.lines().filter(l -> l.startsWith("circle(")).count(), regions);
        JsonObject all = Api.json(alice.get("/jobs/" + id + "/outputs/sources.json"));
        assertEquals(data.getInt("count"), all.getJsonArray("sources").size());
        return data;
    }

    // ---- matching detections to the truth

    static final class Match {
        int found;
        int falseDetections;
        double maxError;
        double meanError;
        double maxFluxError;
        final List<JsonObject> matched = new ArrayList<>();
    }

    static Match match(List<Truth> truth, JsonObject result) {
        List<JsonObject> detections = result.getJsonArray("sources").getValuesAs(JsonObject.class);
        Match m = new Match();
        java.util.Set<Integer> used = new java.util.HashSet<>();
        double sum = 0;
        for (Truth t : truth) {
            JsonObject best = null;
            double bestD = Double.MAX_VALUE;
            for (JsonObject d : detections) {
                double dist = Math.hypot(d.getJsonNumber("x").doubleValue() - t.x(), d.getJsonNumber("y").doubleValue() - t.y());
                if (dist < bestD) {
                    bestD = dist;
                    best = d;
                }
            }
            if (best != null && bestD < 0.5 && used.add(best.getInt("number"))) {
                m.found++;
                m.maxError = Math.max(m.maxError, bestD);
                sum += bestD;
                m.maxFluxError = Math.max(m.maxFluxError, Math.abs(best.getJsonNumber("flux").doubleValue() / t.flux() - 1));
                m.matched.add(best);
            } else {
                m.matched.add(null);
            }
        }
        m.meanError = m.found == 0 ? Double.NaN : sum / m.found;
        m.falseDetections = detections.size() - used.size();
        return m;
    }

    // ---- the synthetic images

    /** 20 sources on a 5 × 4 grid, each jittered by up to 10 px, fluxes 3000–20000 (peak S/N 20–140). */
    static List<Truth> sources(long seed) {
        Random r = new Random(seed);
        List<Truth> truth = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            truth.add(new Truth(50 + (i % 5) * 100 + r.nextDouble() * 10, 50 + (i / 5) * 130 + r.nextDouble() * 10,
                    3000 + r.nextDouble() * 17000));
        }
        return truth;
    }

    static byte[] image(List<Truth> truth, long seed, boolean wcs) {
        Random r = new Random(seed * 31 + 1);
        float[][] img = new float[SIZE][SIZE];
        for (float[] row : img) {
            for (int x = 0; x < SIZE; x++) {
                row[x] = (float) (BACKGROUND + NOISE * r.nextGaussian());
            }
        }
        for (Truth t : truth) {
            // Gaussian PSF integrated over each pixel (5 × 5 sub-samples); array index i is FITS pixel i + 1
            for (int j = (int) t.y() - 12; j <= t.y() + 12; j++) {
                for (int i = (int) t.x() - 12; i <= t.x() + 12; i++) {
                    double v = 0;
                    for (int sy = 0; sy < 5; sy++) {
                        for (int sx = 0; sx < 5; sx++) {
                            double dx = i - 0.4 + sx * 0.2 - t.x();
                            double dy = j - 0.4 + sy * 0.2 - t.y();
                            v += Math.exp(-(dx * dx + dy * dy) / (2 * PSF_SIGMA * PSF_SIGMA));
                        }
                    }
                    img[j - 1][i - 1] += (float) (t.flux() * v / 25 / (2 * Math.PI * PSF_SIGMA * PSF_SIGMA));
                }
            }
        }
        return fits(img, wcs);
    }

    static byte[] fits(Object data, boolean wcs) {
        try (Fits f = new Fits()) {
            BasicHDU<?> hdu = Fits.makeHDU(data);
            if (wcs) {
                Tan.describe(hdu);
            }
            f.addHDU(hdu);
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try (FitsOutputStream out = new FitsOutputStream(bytes)) {
                f.write(out);
            }
            return bytes.toByteArray();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** A gnomonic (TAN) projection centred on the image, north up, east left, 0.2"/px. */
    static final class Tan {
        static final double CRPIX = (SIZE + 1) / 2.0;
        static final double RA0 = 150.1;
        static final double DEC0 = 2.2;

        static void describe(BasicHDU<?> hdu) throws Exception {
            hdu.addValue("CTYPE1", "RA---TAN", null);
            hdu.addValue("CTYPE2", "DEC--TAN", null);
            hdu.addValue("CRPIX1", CRPIX, null);
            hdu.addValue("CRPIX2", CRPIX, null);
            hdu.addValue("CRVAL1", RA0, null);
            hdu.addValue("CRVAL2", DEC0, null);
            hdu.addValue("CD1_1", -ARCSEC_PER_PX / 3600, null);
            hdu.addValue("CD1_2", 0.0, null);
            hdu.addValue("CD2_1", 0.0, null);
            hdu.addValue("CD2_2", ARCSEC_PER_PX / 3600, null);
            hdu.addValue("EQUINOX", 2000.0, null);
            hdu.addValue("RADESYS", "FK5", null);
        }

        /** RA, Dec [deg] of a FITS pixel position (the inverse gnomonic projection). */
        static double[] world(double x, double y) {
            double xi = Math.toRadians(-ARCSEC_PER_PX / 3600 * (x - CRPIX));
            double eta = Math.toRadians(ARCSEC_PER_PX / 3600 * (y - CRPIX));
            double dec0 = Math.toRadians(DEC0);
            double d = Math.cos(dec0) - eta * Math.sin(dec0);
            double ra = RA0 + Math.toDegrees(Math.atan2(xi, d));
            double dec = Math.toDegrees(Math.atan2(eta * Math.cos(dec0) + Math.sin(dec0), Math.hypot(xi, d)));
            return new double[] {ra, dec};
        }
    }
}
