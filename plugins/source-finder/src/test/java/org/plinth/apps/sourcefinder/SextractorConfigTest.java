package org.plinth.apps.sourcefinder;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.RecordComponent;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.plinth.api.DefaultValue;

class SextractorConfigTest {

    static final Path SHARE = Path.of("/usr/share/source-extractor");

    @Test
    void defaultsMapToSextractorKeywords() {
        Map<String, String> s = SextractorConfig.settings(Inputs.defaults("x.fits"), SHARE, 2);
        assertEquals("3", s.get("DETECT_THRESH"));
        assertEquals("3", s.get("ANALYSIS_THRESH"));
        assertEquals("5", s.get("DETECT_MINAREA"));
        assertEquals("Y", s.get("FILTER"));
        assertEquals("/usr/share/source-extractor/gauss_2.0_5x5.conv", s.get("FILTER_NAME"));
        assertEquals("32", s.get("DEBLEND_NTHRESH"));
        assertEquals("0.005", s.get("DEBLEND_MINCONT"));
        assertEquals("Y", s.get("CLEAN"));
        assertEquals("1", s.get("CLEAN_PARAM"));
        assertEquals("5", s.get("PHOT_APERTURES"));
        assertEquals("2.5,3.5", s.get("PHOT_AUTOPARAMS"));
        assertEquals("50000", s.get("SATUR_LEVEL"));
        assertEquals("0", s.get("GAIN"));
        assertEquals("0", s.get("PIXEL_SCALE"));
        assertEquals("64", s.get("BACK_SIZE"));
        assertEquals("3", s.get("BACK_FILTERSIZE"));
        assertEquals("GLOBAL", s.get("BACKPHOTO_TYPE"));
        assertEquals("ASCII_HEAD", s.get("CATALOG_TYPE"));
        assertEquals(SextractorConfig.CATALOGUE_FILE, s.get("CATALOG_NAME"));
        assertEquals(SextractorConfig.PARAMETERS_FILE, s.get("PARAMETERS_NAME"));
        assertEquals("NORMAL", s.get("VERBOSE_TYPE"), "QUIET would hide SExtractor's *Error* lines");
        assertEquals("2", s.get("NTHREADS"));
    }

    @Test
    void changedOptionsShowInTheConfiguration() {
        SourceFinderInputs d = Inputs.defaults("x.fits");
        SourceFinderInputs in = new SourceFinderInputs("x.fits", 1.5, 2.25, 12, false, "mexhat_2.5_7x7", 64, 0.0,
                false, 0.5, 128, 5, "LOCAL", List.of(3.0, 6.5, 10.0), 2.0, 4.0, 1.8, 0.396, 60000.5, 25.1,
                "zscale", d.resultLimit());
        Map<String, String> s = SextractorConfig.settings(in, SHARE, 1);
        assertEquals("1.5", s.get("DETECT_THRESH"));
        assertEquals("2.25", s.get("ANALYSIS_THRESH"));
        assertEquals("12", s.get("DETECT_MINAREA"));
        assertEquals("N", s.get("FILTER"));
        assertEquals("/usr/share/source-extractor/mexhat_2.5_7x7.conv", s.get("FILTER_NAME"));
        assertEquals("64", s.get("DEBLEND_NTHRESH"));
        assertEquals("0", s.get("DEBLEND_MINCONT"));
        assertEquals("N", s.get("CLEAN"));
        assertEquals("0.5", s.get("CLEAN_PARAM"));
        assertEquals("128", s.get("BACK_SIZE"));
        assertEquals("5", s.get("BACK_FILTERSIZE"));
        assertEquals("LOCAL", s.get("BACKPHOTO_TYPE"));
        assertEquals("3,6.5,10", s.get("PHOT_APERTURES"));
        assertEquals("2,4", s.get("PHOT_AUTOPARAMS"));
        assertEquals("1.8", s.get("GAIN"));
        assertEquals("0.396", s.get("PIXEL_SCALE"));
        assertEquals("60000.5", s.get("SATUR_LEVEL"));
        assertEquals("25.1", s.get("MAG_ZEROPOINT"));
    }

    @Test
    void numbersAreWrittenPlain() {
        assertEquals("0.00001", SextractorConfig.number(1e-5));
        assertEquals("100000000", SextractorConfig.number(1e8));
        assertEquals("-2.5", SextractorConfig.number(-2.5));
    }

    @Test
    void worldCoordinatesOnlyWithAWcs() {
        List<String> plain = SextractorConfig.outputParameters(false, 1);
        List<String> wcs = SextractorConfig.outputParameters(true, 3);
        assertFalse(plain.contains("ALPHAWIN_J2000"));
        assertTrue(wcs.containsAll(List.of("ALPHAWIN_J2000", "DELTAWIN_J2000")));
        assertTrue(plain.containsAll(List.of("NUMBER", "XWIN_IMAGE", "YWIN_IMAGE", "FLUX_AUTO", "FLUXERR_AUTO",
                "MAG_AUTO", "FWHM_IMAGE", "ELLIPTICITY", "THETA_IMAGE", "FLAGS", "FLUX_APER(1)")));
        assertTrue(wcs.contains("FLUX_APER(3)") && wcs.contains("FLUXERR_APER(3)"));
    }

    @Test
    void theTestDefaultsAreTheDeclaredDefaults() throws Exception {
        // Inputs.defaults stands for an empty request in these tests; it must not drift from the annotations.
        SourceFinderInputs d = Inputs.defaults("x");
        for (RecordComponent c : SourceFinderInputs.class.getRecordComponents()) {
            DefaultValue dv = c.getAnnotation(DefaultValue.class);
            if (dv == null) {
                continue;
            }
            Object value = c.getAccessor().invoke(d);
            jakarta.json.JsonValue declared = org.plinth.api.Jsons.createReader(new java.io.StringReader(dv.value())).readValue();
            assertEquals(normal(declared), normal(value), c.getName());
        }
    }

    /** Numbers as doubles, so 3 and 3.0 compare equal. */
    private static Object normal(Object v) {
        if (v instanceof jakarta.json.JsonNumber n) {
            return n.doubleValue();
        }
        if (v instanceof jakarta.json.JsonString str) {
            return str.getString();
        }
        if (v instanceof jakarta.json.JsonArray a) {
            return a.stream().map(SextractorConfigTest::normal).toList();
        }
        if (v == jakarta.json.JsonValue.TRUE || v == jakarta.json.JsonValue.FALSE) {
            return v == jakarta.json.JsonValue.TRUE;
        }
        if (v instanceof Number n) {
            return n.doubleValue();
        }
        if (v instanceof List<?> l) {
            return l.stream().map(SextractorConfigTest::normal).toList();
        }
        return v;
    }
}
