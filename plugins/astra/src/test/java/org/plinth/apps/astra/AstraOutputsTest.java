package org.plinth.apps.astra;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.StringReader;
import java.io.StringWriter;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The readers of ASTRA's outputs on the genuine files. */
class AstraOutputsTest {

    @Test
    void theXfelTablesAgreeWithTheFinalBeamSummaryOfItsStdout() throws Exception {
        AstraStdout out = AstraStdout.parse(Fixtures.text("astra-web-xfel/slurm-12613564.out"));
        assertTrue(out.finished());
        assertEquals("3.0", out.version());
        assertEquals(2, out.warnings().size(), out.warnings().toString());
        AstraTable x = AstraTable.read(TableKind.XEMIT, Fixtures.path("astra-web-xfel/xfel.Xemit.001"));
        AstraTable y = AstraTable.read(TableKind.YEMIT, Fixtures.path("astra-web-xfel/xfel.Yemit.001"));
        AstraTable z = AstraTable.read(TableKind.ZEMIT, Fixtures.path("astra-web-xfel/xfel.Zemit.001"));
        assertEquals(201, x.rows());
        assertEquals(201, z.rows());
        Map<String, Double> beam = out.finalBeam();
        assertEquals(249999.0, beam.get("N"));
        assertEquals(-0.25, beam.get("Q"));
        // the summary prints four significant digits
        agree(beam.get("z"), x.last("z"));
        agree(beam.get("x"), x.last("x_mean"));
        agree(beam.get("sig x"), x.last("x_rms"));
        agree(beam.get("eps x"), x.last("emittance_x_norm"));
        agree(beam.get("cor x"), x.last("x_xp_correlation"));
        agree(beam.get("y"), y.last("y_mean"));
        agree(beam.get("sig y"), y.last("y_rms"));
        agree(beam.get("eps y"), y.last("emittance_y_norm"));
        agree(beam.get("cor y"), y.last("y_yp_correlation"));
        agree(beam.get("E"), z.last("kinetic_energy"));
        agree(beam.get("sig z"), z.last("z_rms"));
        agree(beam.get("dE"), z.last("energy_spread"));
        agree(beam.get("eps z"), z.last("emittance_z"));
        agree(beam.get("cor z"), z.last("z_energy_correlation"));
        assertEquals(16, out.finalBeamJson().size(), out.finalBeamJson().toString());
    }

    private static void agree(double summary, double table) {
        assertEquals(summary, table, Math.abs(summary) * 6e-4, "summary " + summary + " vs table " + table);
    }

    @Test
    void aRunWithoutGoodbyeDidNotFinish() {
        AstraStdout out = AstraStdout.parse(" Astra\n     Version 4.0\n ERROR: file not found: x.ini\n");
        assertFalse(out.finished());
        assertEquals("4.0", out.version());
        assertEquals(1, out.errors().size());
        assertTrue(out.finalBeam().isEmpty());
    }

    @Test
    void tablesBecomeJsonAndCsv() throws Exception {
        AstraTable x = AstraTable.read(TableKind.XEMIT, Fixtures.path("astra-web-xfel/xfel.Xemit.001"));
        var json = x.toJson();
        assertEquals(201, json.getJsonObject("data").getJsonArray("z").size());
        assertEquals("pi mm mrad", json.getJsonArray("columns").getJsonObject(5).getString("unit"));
        StringWriter csv = new StringWriter();
        x.writeCsv(csv);
        String[] lines = csv.toString().split("\n");
        assertEquals(202, lines.length);
        assertEquals("z [m],t [ns],x_mean [mm],x_rms [mm],xp_rms [mrad],emittance_x_norm [pi mm mrad],x_xp_correlation [mrad]",
                lines[0]);
        assertEquals("3.2,10.743,2.9106E-5,0.99141,0.22765,0.9181,-0.21621", lines[201]);
    }

    @Test
    void readsFortranOddities() throws Exception {
        AstraTable t = AstraTable.read(TableKind.LANDF, new BufferedReader(new StringReader(
                "  1.0000E+00  1.0000E+03 -1.0000D-01  0.0000E+00  1.2345-100  *********** T\n")), "t");
        assertEquals(-0.1, t.column("charge")[0]);
        assertEquals(1.2345e-100, t.column("energy_deposited")[0]);
        assertTrue(Double.isNaN(t.column("energy_exchange")[0]));
        assertEquals(1.0, t.column("column_7")[0]);
    }

    @Test
    void readsTheGeneratorsParticleFile() throws Exception {
        ParticleFile p = ParticleFiles.read(Fixtures.path("lume-astra-dcgun/generator.part"));
        assertEquals(2000, p.size());
        assertEquals(1.010943618606e3, p.pz()[0]);
        assertEquals(1.010943618606e3, p.pz()[1], 1e-9, "relative pz 0 means the reference's");
        assertEquals(4.246285e-3, p.clock()[1], 1e-15);
        BeamStatistics s = ParticleStatistics.of(p, 10);
        assertEquals(6, s.probes());
        assertEquals(1994, s.beamParticles());
        assertEquals(1994, s.atCathode());
        assertEquals(0, s.lost());
        assertEquals(-1994 * 5e-5, s.totalChargeNc(), 1e-12);
        // generator.in: Dist_x='r', sig_x=0.25 mm; sig_clock=0.00849257 ns cut at 3 sigma; sig_px=357.7 eV/c
        assertEquals(0.25, s.rmsXMm(), 0.25 * 0.02);
        assertEquals(0.25, s.rmsYMm(), 0.25 * 0.02);
        assertEquals(0.00849257 * 0.986, s.rmsClockNs(), 0.00849257 * 0.03);
        double emittance = 0.25 * 357.7 / 0.51099895e6 * 1e3;
        assertEquals(emittance, s.emittanceXNormMmMrad(), emittance * 0.05);
        assertEquals("clock", s.sliceAxis(), "every z is 0 at the cathode");
        assertEquals(1994, s.slices().stream().mapToInt(SliceStatistics::particles).sum());
        assertEquals(s.totalChargeNc(), s.slices().stream().mapToDouble(SliceStatistics::chargeNc).sum(), 1e-12);
    }

    @Test
    void aWrittenParticleFileReadsBackTheSame() throws Exception {
        ParticleFile p = ParticleFiles.read(Fixtures.path("lume-astra-dcgun/generator.part"));
        StringWriter w = new StringWriter();
        ParticleFiles.write(p, w, true);
        assertEquals(Fixtures.text("lume-astra-dcgun/generator.part").lines().findFirst().orElseThrow(),
                w.toString().lines().findFirst().orElseThrow(), "the same E20.12 layout as ASTRA's High_res");
        ParticleFile q = ParticleFiles.read(new BufferedReader(new StringReader(w.toString())), "written");
        for (int i = 0; i < p.size(); i++) {
            assertEquals(p.x()[i], q.x()[i], 1e-15);
            assertEquals(p.clock()[i], q.clock()[i], 1e-14);
            assertEquals(p.status()[i], q.status()[i]);
        }
        StringWriter low = new StringWriter();
        ParticleFiles.write(p, low, false);
        assertEquals("  0.0000E+00  0.0000E+00  0.0000E+00  0.0000E+00  0.0000E+00  1.0109E+03  0.0000E+00 -5.0000E-05   1  -1",
                low.toString().lines().findFirst().orElseThrow());
    }
}
