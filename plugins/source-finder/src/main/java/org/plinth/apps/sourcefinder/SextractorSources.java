package org.plinth.apps.sourcefinder;

import java.util.Arrays;
import java.util.List;

/** Turns SExtractor's catalogue (the parameters {@link SextractorConfig#outputParameters} asks for) into sources. */
public final class SextractorSources {

    private SextractorSources() {
    }

    public static List<Source> from(AsciiHeadCatalogue cat) {
        return cat.rows().stream().map(r -> new Source(
                (int) cat.value(r, "NUMBER"),
                cat.value(r, "XWIN_IMAGE"), cat.value(r, "YWIN_IMAGE"), cat.value(r, "ERRAWIN_IMAGE"),
                cat.value(r, "ALPHAWIN_J2000"), cat.value(r, "DELTAWIN_J2000"),
                cat.value(r, "FLUX_AUTO"), cat.value(r, "FLUXERR_AUTO"),
                cat.value(r, "MAG_AUTO"), cat.value(r, "MAGERR_AUTO"),
                boxed(cat.vector(r, "FLUX_APER")), boxed(cat.vector(r, "FLUXERR_APER")),
                cat.value(r, "FLUX_MAX"), cat.value(r, "BACKGROUND"), cat.value(r, "FWHM_IMAGE"),
                cat.value(r, "A_IMAGE"), cat.value(r, "B_IMAGE"), cat.value(r, "THETA_IMAGE"),
                cat.value(r, "ELLIPTICITY"), cat.value(r, "KRON_RADIUS"), cat.value(r, "ISOAREA_IMAGE"),
                (int) cat.value(r, "FLAGS"))).toList();
    }

    private static List<Double> boxed(double[] values) {
        return Arrays.stream(values).boxed().toList();
    }
}
