package org.plinth.apps.astra;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.StringReader;
import java.io.StringWriter;
import java.util.Locale;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** The native generator's statistics against the request: 100,000 particles, within 1 %. */
class NativeGeneratorTest {

    static final int N = 100_000;

    static Namelist request(String transverse, String longitudinal) {
        return new Namelist("INPUT").set("IPart", (long) N).set("Species", "electrons").set("Q_total", 0.25)
                .set("Ref_Ekin", 5.0).set("Ref_zpos", 0.5)
                .set("Dist_x", transverse).set("sig_x", 0.75).set("Dist_y", transverse).set("sig_y", 0.5)
                .set("Dist_px", "g").set("Nemit_x", 1.2).set("Dist_py", "uniform").set("Nemit_y", 0.8)
                .set("cor_px", 2.0).set("cor_py", -1.0)
                .set("Dist_z", longitudinal).set("sig_z", 1.5).set("Dist_pz", "g").set("sig_Ekin", 3.0).set("cor_Ekin", 4.0);
    }

    @ParameterizedTest
    @CsvSource({"gauss,gauss", "uniform,uniform", "inverted,inverted", "r,gauss", "g,i"})
    void statisticsMatchTheRequestWithinOnePercent(String transverse, String longitudinal) throws Exception {
        Namelist in = request(transverse, longitudinal);
        long t0 = System.nanoTime();
        ParticleFile p = NativeGenerator.generate(in, 42);
        long ms = (System.nanoTime() - t0) / 1_000_000;
        // through the file format, as a user gets it
        StringWriter w = new StringWriter();
        ParticleFiles.write(p, w, true);
        ParticleFile back = ParticleFiles.read(new BufferedReader(new StringReader(w.toString())), "generated");
        BeamStatistics s = ParticleStatistics.of(back, 10);
        System.out.printf(Locale.ROOT, "[native generator] %s/%s: %d particles in %d ms; rms x %.4f y %.4f z %.4f mm, "
                        + "emittance x %.4f y %.4f, E %.5f MeV, dE %.4f keV, Q %.6f nC%n", transverse, longitudinal, N, ms,
                s.rmsXMm(), s.rmsYMm(), s.rmsZMm(), s.emittanceXNormMmMrad(), s.emittanceYNormMmMrad(),
                s.meanKineticEnergyMeV(), s.energySpreadKeV(), s.totalChargeNc());
        assertEquals(N, s.beamParticles());
        within(0.75, s.rmsXMm(), "rms x");
        within(0.5, s.rmsYMm(), "rms y");
        within(1.5, s.rmsZMm(), "bunch length");
        within(1.2, s.emittanceXNormMmMrad(), "emittance x");
        within(0.8, s.emittanceYNormMmMrad(), "emittance y");
        within(5.0, s.meanKineticEnergyMeV(), "mean energy");
        within(Math.hypot(3.0, 4.0), s.energySpreadKeV(), "energy spread (uncorrelated ⊕ correlated)");
        within(-0.25, s.totalChargeNc(), "total charge");
        within(0.5, s.meanZM(), "mean z");
        within(2.0, s.correlatedDivergenceXMrad(), "correlated divergence x");
    }

    private static void within(double expected, double actual, String what) {
        assertEquals(expected, actual, Math.abs(expected) * 0.01, what + ": " + actual + " for " + expected);
    }

    @Test
    void aPlateauHasTheRequestedFlatTop() throws Exception {
        Namelist in = request("g", "plateau").set("Lz", 6.0).set("rz", 1.0).remove("sig_z");
        BeamStatistics s = ParticleStatistics.of(NativeGenerator.generate(in, 7), 20);
        // trapezoid: rms² = (L² + r²)/12
        within(Math.sqrt((36 + 1) / 12.0), s.rmsZMm(), "plateau rms");
        int inner = s.slices().subList(3, 17).stream().mapToInt(SliceStatistics::particles).min().orElseThrow();
        int outer = s.slices().subList(3, 17).stream().mapToInt(SliceStatistics::particles).max().orElseThrow();
        assertTrue(outer < inner * 1.1, "flat: slices hold " + inner + " to " + outer);
    }

    @Test
    void atTheCathodeTheBunchIsSpreadInTime() throws Exception {
        Namelist in = request("r", "g").set("Cathode", true).set("sig_clock", 0.003).set("Ref_Ekin", 0.0)
                .set("sig_Ekin", 0.0).set("cor_Ekin", 0.0).set("Nemit_x", 0.0).set("sig_px", 300.0).set("cor_px", 0.0)
                .set("Probe", true);
        ParticleFile p = NativeGenerator.generate(in, 3);
        BeamStatistics s = ParticleStatistics.of(p, 5);
        assertEquals(N - 6, s.atCathode());
        assertEquals(6, s.probes());
        assertEquals(0.0, s.rmsZMm());
        within(0.003, s.rmsClockNs(), "rms emission time");
        within(0.75 * 300 / 0.51099895e6 * 1e3, s.emittanceXNormMmMrad(), "thermal emittance");
        assertEquals("clock", s.sliceAxis());
    }

    @Test
    void refusesWhatItCannotDraw() {
        assertThrows(Shape.UnsupportedShapeException.class,
                () -> NativeGenerator.generate(request("g", "g").set("Dist_pz", "isotropic"), 1));
        assertThrows(Shape.UnsupportedShapeException.class,
                () -> NativeGenerator.generate(request("plateau", "g"), 1));
        assertThrows(Shape.UnsupportedShapeException.class,
                () -> NativeGenerator.generate(request("g", "plateau"), 1), "plateau without Lz");
    }

    @Test
    void theCutGaussianWidthCorrectionIsRight() {
        assertEquals(1.0, Shape.truncatedVariance(10), 1e-9);
        assertEquals(0.7737, Shape.truncatedVariance(2), 1e-4); // tabulated value for ±2σ
    }
}
