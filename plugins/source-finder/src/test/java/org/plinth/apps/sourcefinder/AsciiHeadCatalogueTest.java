package org.plinth.apps.sourcefinder;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.StringReader;
import java.util.List;
import org.junit.jupiter.api.Test;

class AsciiHeadCatalogueTest {

    // as SExtractor 2.25 writes it (vector FLUX_APER of 2 columns, a unit-less column, special values)
    static final String CATALOGUE = """
            #   1 NUMBER                 Running object number                                     
            #   2 XWIN_IMAGE             Windowed position estimate along x                         [pixel]
            #   3 YWIN_IMAGE             Windowed position estimate along y                         [pixel]
            #   4 ALPHAWIN_J2000         Windowed right ascension (J2000)                           [deg]
            #   5 DELTAWIN_J2000         windowed declination (J2000)                               [deg]
            #   6 FLUX_AUTO              Flux within a Kron-like elliptical aperture                [count]
            #   7 MAG_AUTO               Kron-like elliptical aperture magnitude                    [mag]
            #   8 FLUX_APER              Flux vector within fixed circular aperture(s)              [count]
            #  10 FWHM_IMAGE             FWHM assuming a gaussian core                              [pixel]
            #  11 ELLIPTICITY            1 - B_IMAGE/A_IMAGE                                       
            #  12 FLAGS                  Extraction flags                                          
                     1     45.3321     47.0672 150.1000001 +2.2000002   12201.23  -10.2163     2854.794     5530.944   3.53 0.021   0
                     2    148.4340     49.1990 150.0900000 +2.2000000      -nan   99.0000          inf    -1.5e+02   3.60 0.010   3
            """;

    @Test
    void parsesColumnsUnitsVectorsAndSpecialValues() throws IOException {
        AsciiHeadCatalogue cat = AsciiHeadCatalogue.parse(new StringReader(CATALOGUE));
        assertEquals(11, cat.columns().size());
        AsciiHeadCatalogue.Column x = cat.column("XWIN_IMAGE").orElseThrow();
        assertEquals(1, x.first());
        assertEquals(1, x.width());
        assertEquals("pixel", x.unit());
        assertEquals("Windowed position estimate along x", x.description());
        assertNull(cat.column("ELLIPTICITY").orElseThrow().unit());
        AsciiHeadCatalogue.Column aper = cat.column("FLUX_APER").orElseThrow();
        assertEquals(7, aper.first());
        assertEquals(2, aper.width());
        assertEquals(2, cat.rows().size());
        double[] first = cat.rows().get(0);
        assertEquals(45.3321, cat.value(first, "XWIN_IMAGE"));
        assertEquals(2.2000002, cat.value(first, "DELTAWIN_J2000"));
        assertArrayEquals(new double[] {2854.794, 5530.944}, cat.vector(first, "FLUX_APER"));
        double[] second = cat.rows().get(1);
        assertTrue(Double.isNaN(cat.value(second, "FLUX_AUTO")));
        assertArrayEquals(new double[] {Double.POSITIVE_INFINITY, -150}, cat.vector(second, "FLUX_APER"));
        assertEquals(3, cat.value(second, "FLAGS"));
        assertTrue(Double.isNaN(cat.value(second, "NOT_ASKED_FOR")));
    }

    @Test
    void mapsToSources() throws IOException {
        List<Source> sources = SextractorSources.from(AsciiHeadCatalogue.parse(new StringReader(CATALOGUE)));
        Source s = sources.get(0);
        assertEquals(1, s.number());
        assertEquals(45.3321, s.x());
        assertEquals(47.0672, s.y());
        assertEquals(150.1000001, s.ra());
        assertEquals(12201.23, s.flux());
        assertEquals(List.of(2854.794, 5530.944), s.apertureFlux());
        assertEquals(3.53, s.fwhm());
        assertEquals(0.021, s.ellipticity());
        assertTrue(Double.isNaN(s.fluxError()), "not in this catalogue");
        assertEquals(3, sources.get(1).flags());
    }

    @Test
    void theLastColumnMayBeAVector() throws IOException {
        AsciiHeadCatalogue cat = AsciiHeadCatalogue.parse(new StringReader(
                "#   1 NUMBER  n\n#   2 FLUX_APER  f [count]\n1 2 3 4\n"));
        assertEquals(3, cat.column("FLUX_APER").orElseThrow().width());
        assertArrayEquals(new double[] {2, 3, 4}, cat.vector(cat.rows().get(0), "FLUX_APER"));
    }

    @Test
    void anEmptyCatalogueHasColumnsAndNoRows() throws IOException {
        AsciiHeadCatalogue cat = AsciiHeadCatalogue.parse(new StringReader(
                "#   1 NUMBER                 Running object number\n#   2 FLAGS   Extraction flags\n"));
        assertEquals(2, cat.columns().size());
        assertEquals(0, cat.rows().size());
    }

    @Test
    void refusesRaggedRowsAndGarbage() {
        String header = "#   1 NUMBER  n\n#   2 X_IMAGE  x [pixel]\n";
        assertThrows(IOException.class, () -> AsciiHeadCatalogue.parse(new StringReader(header + "1 2.0\n2\n")));
        assertThrows(IOException.class, () -> AsciiHeadCatalogue.parse(new StringReader(header + "1 abc\n")));
        assertThrows(IOException.class, () -> AsciiHeadCatalogue.parse(new StringReader("# not a header\n")));
    }
}
