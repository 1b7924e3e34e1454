package org.plinth.apps.sourcefinder;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Maps the app's typed options to SExtractor configuration keywords. Every value is a number,
 * a Y/N or one of a fixed set of names, so nothing a user types reaches SExtractor as free text.
 */
public final class SextractorConfig {

    public static final String CATALOGUE_FILE = "catalogue.txt";
    public static final String PARAMETERS_FILE = "source-finder.param";

    private SextractorConfig() {
    }

    /**
     * The keywords to set, in the order they are written.
     *
     * @param shareDir where SExtractor's kernels and neural network live ({@code /usr/share/source-extractor})
     * @param threads  the job's cores
     */
    public static Map<String, String> settings(SourceFinderInputs in, Path shareDir, int threads) {
        Map<String, String> s = new LinkedHashMap<>();
        s.put("CATALOG_NAME", CATALOGUE_FILE);
        s.put("CATALOG_TYPE", "ASCII_HEAD");
        s.put("PARAMETERS_NAME", PARAMETERS_FILE);
        s.put("DETECT_TYPE", "CCD");
        s.put("DETECT_MINAREA", Integer.toString(in.minArea()));
        s.put("DETECT_THRESH", number(in.detectThreshold()));
        s.put("ANALYSIS_THRESH", number(in.analysisThreshold()));
        s.put("FILTER", yesNo(in.filter()));
        // absolute: SExtractor looks relative names up in the working directory, the workspace
        s.put("FILTER_NAME", shareDir.resolve(in.filterKernel() + ".conv").toString());
        s.put("DEBLEND_NTHRESH", Integer.toString(in.deblendThresholds()));
        s.put("DEBLEND_MINCONT", number(in.deblendMinContrast()));
        s.put("CLEAN", yesNo(in.clean()));
        s.put("CLEAN_PARAM", number(in.cleanParam()));
        s.put("PHOT_APERTURES", numbers(in.apertures()));
        s.put("PHOT_AUTOPARAMS", number(in.kronFactor()) + "," + number(in.kronMinRadius()));
        s.put("SATUR_LEVEL", number(in.saturationLevel()));
        s.put("MAG_ZEROPOINT", number(in.magZeropoint()));
        s.put("GAIN", number(in.gain()));
        s.put("PIXEL_SCALE", number(in.pixelScale()));
        s.put("STARNNW_NAME", shareDir.resolve("default.nnw").toString());
        s.put("BACK_TYPE", "AUTO");
        s.put("BACK_SIZE", Integer.toString(in.backgroundMeshSize()));
        s.put("BACK_FILTERSIZE", Integer.toString(in.backgroundFilterSize()));
        s.put("BACKPHOTO_TYPE", in.photometryBackground());
        s.put("CHECKIMAGE_TYPE", "NONE");
        // NORMAL, not QUIET: QUIET also silences the *Error* lines a failed run must leave in stderr
        s.put("VERBOSE_TYPE", "NORMAL");
        s.put("WRITE_XML", "N");
        s.put("NTHREADS", Integer.toString(Math.max(1, threads)));
        return s;
    }

    /**
     * The catalogue columns to ask for. World coordinates only when the image has a WCS:
     * without one SExtractor would fill them with meaningless numbers.
     */
    public static List<String> outputParameters(boolean wcs, int apertures) {
        List<String> p = new java.util.ArrayList<>(List.of("NUMBER", "X_IMAGE", "Y_IMAGE", "XWIN_IMAGE", "YWIN_IMAGE",
                "ERRAWIN_IMAGE"));
        if (wcs) {
            p.addAll(List.of("ALPHAWIN_J2000", "DELTAWIN_J2000"));
        }
        p.addAll(List.of("FLUX_AUTO", "FLUXERR_AUTO", "MAG_AUTO", "MAGERR_AUTO",
                "FLUX_APER(" + apertures + ")", "FLUXERR_APER(" + apertures + ")",
                "FLUX_MAX", "BACKGROUND", "FWHM_IMAGE", "A_IMAGE", "B_IMAGE", "THETA_IMAGE", "ELLIPTICITY",
                "KRON_RADIUS", "ISOAREA_IMAGE", "FLAGS"));
        return p;
    }

    /** Plain decimal notation without trailing zeros (3 rather than 3.0, 0.005 rather than 5.0E-3). */
    static String number(double d) {
        return BigDecimal.valueOf(d).stripTrailingZeros().toPlainString();
    }

    private static String numbers(List<Double> values) {
        return values.stream().map(SextractorConfig::number).collect(Collectors.joining(","));
    }

    private static String yesNo(boolean b) {
        return b ? "Y" : "N";
    }
}
