package org.plinth.apps.astra;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class NamelistParserTest {

    static final List<String> GENUINE = List.of("astra-web-xfel/xfel.in", "astra-web-generator/example.in",
            "lume-astra-dcgun/astra.in", "lume-astra-dcgun/generator.in", "lume-astra-tws/astra.in",
            "lume-astra-tws/generator.in", "lume-astra-inputs/apex_gun.astra.in", "lume-astra-inputs/drift.astra.in",
            "lume-astra-inputs/sc_inj.astra.in", "lume-astra-inputs/srfgun_astra.in",
            "lume-astra-inputs/srfgun_generator.in", "lume-astra-inputs/tesla_9cell_cavity.astra.in");

    static List<String> genuine() {
        return GENUINE;
    }

    @Test
    void readsTheXfelRun() throws Exception {
        NamelistFile f = NamelistParser.parse(Fixtures.text("astra-web-xfel/xfel.in"));
        assertEquals(List.of("NEWRUN", "OUTPUT", "SCAN", "CHARGE", "Aperture", "FEM", "CAVITY", "SOLENOID", "QUADRUPOLE"),
                f.groups().stream().map(Namelist::name).toList());
        Namelist newrun = f.group("newrun").orElseThrow();
        assertEquals("XFEL2020", newrun.get("head").orElseThrow());
        assertEquals(1L, newrun.get("RUN").orElseThrow());
        assertEquals(false, newrun.get("Loop").orElseThrow());
        assertEquals("out.ini", newrun.get("Distribution").orElseThrow(), "the commented-out Distribution is skipped");
        assertEquals(0.001, newrun.get("H_max").orElseThrow());
        Namelist output = f.group("OUTPUT").orElseThrow();
        assertEquals(2.1397, output.get("SCREEN", 2).orElseThrow());
        assertTrue(output.get("SCREEN", 4).isEmpty());
        assertEquals(3.2, output.number("zstop").orElseThrow());
        Namelist cavity = f.group("cavity").orElseThrow();
        assertEquals(false, cavity.get("Loop").orElseThrow(), ".F is false");
        assertEquals("rz_GUN_FEM-003-531-531-filt3.dat", cavity.get("file_efield", 1).orElseThrow());
        assertEquals(58.1, cavity.get("MaxE", 1).orElseThrow());
        assertEquals(-2L, cavity.get("Phi", 1).orElseThrow());
        Namelist solenoid = f.group("SOLENOID").orElseThrow();
        assertEquals("Main_and_Buck_sym2.prn", solenoid.get("File_Bfield", 1).orElseThrow(), "a bare string");
        assertEquals("charge", f.group("scan").orElseThrow().get("FOM", 1).orElseThrow());
        assertTrue(f.group("Aperture").orElseThrow().assignments().isEmpty());
    }

    @Test
    void readsGeneratorInputsInTheirManyStyles() throws Exception {
        Namelist tab = NamelistParser.parse(Fixtures.text("astra-web-generator/example.in")).group("INPUT").orElseThrow();
        assertEquals(false, tab.get("Add").orElseThrow(), "Add=FALSE");
        assertEquals(true, tab.get("Probe").orElseThrow(), "Probe=True");
        assertEquals(true, tab.get("Noise_reduc").orElseThrow(), "Noise_reduc=T");
        assertEquals("g", tab.get("Dist_pz").orElseThrow());
        assertEquals(1.0, tab.get("sig_z").orElseThrow(), "sig_z after Dist_pz='g', on one line");
        assertEquals(10000L, tab.get("ipart").orElseThrow());

        Namelist lower = NamelistParser.parse(Fixtures.text("lume-astra-dcgun/generator.in")).group("input").orElseThrow();
        assertEquals(357.7, lower.get("SIG_PX").orElseThrow(), "a trailing ! comment");
        assertTrue(lower.get("nemit_x").isEmpty(), "a commented-out line");
        assertEquals(1e-6, lower.get("ref_ekin").orElseThrow());
        assertEquals("r", lower.get("dist_x").orElseThrow());

        Namelist tws = NamelistParser.parse(Fixtures.text("lume-astra-tws/generator.in")).group("input").orElseThrow();
        assertEquals("electrons", tws.get("Species").orElseThrow());
        assertEquals(true, tws.get("Cathode").orElseThrow(), ".T without the closing dot");
        assertEquals(5L, tws.get("C_sig_clock").orElseThrow(), "second assignment on a line");
        assertEquals("i", tws.get("Dist_pz").orElseThrow());
        assertEquals(0.64, tws.get("Nemit_y").orElseThrow());
    }

    @Test
    void toleratesAMissingSlashAndReadsDExponents() throws Exception {
        NamelistFile f = NamelistParser.parse(Fixtures.text("lume-astra-tws/astra.in"));
        Namelist newrun = f.group("NEWRUN").orElseThrow();
        assertEquals(6.2, newrun.get("ZSTOP").orElseThrow());
        assertTrue(f.group("SCAN").isPresent(), "the group after the unclosed &NEWRUN");
        assertTrue(newrun.get("LScan").isEmpty(), "&SCAN's variables stay in &SCAN");
        boolean dExponent = f.groups().stream().flatMap(g -> g.assignments().stream())
                .anyMatch(a -> a.value() instanceof Double d && Math.abs(d - 0.4e-6) < 1e-18);
        assertTrue(dExponent, "0.4D-6 read as 4e-7: " + f.groups());
    }

    @Test
    void readsEdgeCases() throws Exception {
        NamelistFile f = NamelistParser.parse("""
                junk before the first group
                $input A=1,B='it''s',C=.true., D = 1.5d3 e=-2 ! comment, with = signs
                  F(3) = .FALSE. g = "double quoted" h=T/
                &two x = 1, 2, 3 /
                &three
                  path=dir/file.dat
                &END
                """);
        Namelist input = f.group("INPUT").orElseThrow();
        assertEquals(1L, input.get("a").orElseThrow());
        assertEquals("it's", input.get("b").orElseThrow());
        assertEquals(true, input.get("c").orElseThrow());
        assertEquals(1500.0, input.get("d").orElseThrow());
        assertEquals(-2L, input.get("e").orElseThrow());
        assertEquals(false, input.get("f", 3).orElseThrow());
        assertEquals("double quoted", input.get("g").orElseThrow());
        assertEquals(true, input.get("h").orElseThrow(), "T/ ends the group");
        Namelist two = f.group("two").orElseThrow();
        assertEquals(List.of("x(1)", "x(2)", "x(3)"), two.keys(), "a list fills the array");
        assertEquals("dir/file.dat", f.group("three").orElseThrow().get("path").orElseThrow());
    }

    @Test
    void refusesWhatFortranRefusesWithTheLine() {
        NamelistException e = assertThrows(NamelistException.class, () -> NamelistParser.parse("&a\n x = 1\n y 2\n/"));
        assertEquals(3, e.line());
        assertTrue(e.getMessage().contains("'='"), e.getMessage());
        assertThrows(NamelistException.class, () -> NamelistParser.parse("&a x='open\n/"));
        assertThrows(NamelistException.class, () -> NamelistParser.parse("&a x(i)=1 /"));
    }

    @ParameterizedTest
    @MethodSource("genuine")
    void writtenFilesReadBackWithTheSameValues(String fixture) throws Exception {
        NamelistFile read = NamelistParser.parse(Fixtures.text(fixture));
        assertFalse(read.groups().isEmpty());
        String written = NamelistWriter.write(read);
        NamelistFile again = NamelistParser.parse(written);
        assertEquals(read.groups().size(), again.groups().size(), written);
        for (int i = 0; i < read.groups().size(); i++) {
            assertEquals(read.groups().get(i).name().toUpperCase(), again.groups().get(i).name());
            assertEquals(read.groups().get(i).assignments(), again.groups().get(i).assignments(), written);
        }
        assertTrue(written.lines().filter(l -> l.equals("/")).count() == read.groups().size(), "every group closed");
    }

    @Test
    void writesTheFormsAstraReads() {
        Namelist g = new Namelist("CAVITY").set("LEFieLD", true).set("File_Efield", 1, "it's.dat")
                .set("MaxE", 1, 58.1).set("Nue", 1, 1.3e-7).set("N", 3L);
        assertEquals("""
                &CAVITY
                  LEFieLD = T
                  File_Efield(1) = 'it''s.dat'
                  MaxE(1) = 58.1
                  Nue(1) = 1.3E-7
                  N = 3
                /
                """, NamelistWriter.write(g));
    }
}
