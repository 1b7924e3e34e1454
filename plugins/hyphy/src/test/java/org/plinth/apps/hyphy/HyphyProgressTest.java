package org.plinth.apps.hyphy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class HyphyProgressTest {

    private static String resource(String name) throws IOException {
        try (InputStream in = HyphyProgressTest.class.getResourceAsStream("/hyphy/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
        }
    }

    @Test
    void phasesOfARealFubarRun() throws IOException {
        String stdout = resource("adh-fubar-stdout.txt"); // HyPhy 2.5.46, FUBAR on Drosophila adh
        String first = stdout.substring(0, stdout.indexOf("\n", stdout.indexOf("### ")) + 1);
        HyphyProgress start = HyphyProgress.of(first, 4).orElseThrow();
        assertEquals(0.25, start.fraction(), 1e-9);
        assertTrue(start.phase().startsWith("Obtaining branch lengths"), start.phase());
        HyphyProgress end = HyphyProgress.of(stdout, 4).orElseThrow();
        assertEquals(HyphyProgress.CAP, end.fraction(), 1e-9, "all phases seen, but not done until it exits");
        assertEquals("Tabulating site-level results", end.phase());
    }

    @Test
    void noPhaseYetNoProgress() {
        assertTrue(HyphyProgress.of("Analysis Description\n---------\n", 5).isEmpty());
    }

    @Test
    void moreHeadingsThanExpectedStayBelowOne() {
        String many = "### a\n### b\n### c\n### d\n### e\n### f\n### g\n";
        assertTrue(HyphyProgress.of(many, 3).orElseThrow().fraction() < 1);
    }
}
