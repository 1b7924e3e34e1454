package org.plinth.apps.sourcefinder;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.api.Test;

class WritersTest {

    static Source source(int n, double x, double y, double ra, double fwhm) {
        return new Source(n, x, y, 0.01, ra, Double.isNaN(ra) ? Double.NaN : 2.5, 1000.5, 10, -7.5, 0.01,
                List.of(500.0, Double.NaN), List.of(5.0, 6.0), 80, 100, fwhm, 1.5, 1.4, 45, 0.07, 3.5, 30, 2);
    }

    @Test
    void csvHasAHeaderAndEmptyCellsForWhatWasNotMeasured() throws Exception {
        StringWriter out = new StringWriter();
        SourceCsv.write(List.of(source(1, 10.25, 20.5, Double.NaN, 3), source(2, 30, 40, Double.NaN, Double.NaN)), false, 2, out);
        List<String> lines = out.toString().lines().toList();
        assertEquals("number,x,y,position_error,flux,flux_error,mag,mag_error,aperture_flux_1,aperture_flux_error_1,"
                + "aperture_flux_2,aperture_flux_error_2,peak,background,fwhm,a,b,theta,ellipticity,kron_radius,area,flags",
                lines.get(0));
        assertEquals("1,10.25,20.5,0.01,1000.5,10.0,-7.5,0.01,500.0,5.0,,6.0,80.0,100.0,3.0,1.5,1.4,45.0,0.07,3.5,30.0,2",
                lines.get(1));
        assertTrue(lines.get(2).contains(",100.0,,1.5,"), "NaN FWHM is an empty cell: " + lines.get(2));
        assertTrue(out.toString().contains("\r\n"), "RFC 4180 line ends");
        assertEquals(lines.get(0).split(",").length, lines.get(1).split(",", -1).length);
    }

    @Test
    void csvHasRaDecWithAWcs() throws Exception {
        StringWriter out = new StringWriter();
        SourceCsv.write(List.of(source(1, 10, 20, 150.125, 3)), true, 1, out);
        List<String> lines = out.toString().lines().toList();
        assertTrue(lines.get(0).startsWith("number,x,y,position_error,ra,dec,flux,"), lines.get(0));
        assertTrue(lines.get(1).startsWith("1,10.0,20.0,0.01,150.125,2.5,1000.5,"), lines.get(1));
    }

    @Test
    void regionFileHasACirclePerSourceInImageCoordinates() throws Exception {
        StringWriter out = new StringWriter();
        Ds9Regions.write(List.of(source(1, 10.25, 20.5, Double.NaN, 4), source(2, 300, 40, Double.NaN, Double.NaN),
                source(3, Double.NaN, 1, Double.NaN, 1)), out);
        List<String> lines = out.toString().lines().toList();
        assertEquals("# Region file format: DS9 version 4.1", lines.get(0));
        assertEquals("image", lines.get(2));
        assertEquals("circle(10.2500,20.5000,6.00) # text={1}", lines.get(3));
        assertEquals("circle(300.0000,40.0000,5.00) # text={2}", lines.get(4));
        assertEquals(5, lines.size(), "a source without a position is left out");
    }

    @Test
    void jsonLeavesOutWhatWasNotMeasured() {
        JsonObject o = SourceJson.of(source(7, 10.25, 20.5, Double.NaN, 3));
        assertEquals(7, o.getInt("number"));
        assertEquals(10.25, o.getJsonNumber("x").doubleValue());
        assertFalse(o.containsKey("ra"));
        assertEquals(500.0, o.getJsonArray("apertureFlux").getJsonNumber(0).doubleValue());
        assertTrue(o.getJsonArray("apertureFlux").isNull(1));
        assertEquals(2, o.getInt("flags"));
        assertEquals(150.5, SourceJson.of(source(1, 1, 1, 150.5, 3)).getJsonNumber("ra").doubleValue());
    }
}
