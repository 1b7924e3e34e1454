package org.plinth.apps.sourcefinder;

import java.util.List;

/**
 * One detected source, in terms any finder can fill. Pixel coordinates follow FITS: the centre
 * of the first pixel is (1, 1), as in DS9. A value a finder does not give is NaN.
 *
 * @param number        the finder's running number
 * @param x             windowed centroid, x [px]
 * @param y             windowed centroid, y [px]
 * @param positionError 1-σ position error along the major axis [px]
 * @param ra            right ascension (J2000) [deg], NaN without a WCS
 * @param dec           declination (J2000) [deg], NaN without a WCS
 * @param flux          total flux (Kron-like elliptical aperture) [count]
 * @param fluxError     its error [count]
 * @param mag           magnitude of {@code flux} with the zero point [mag]
 * @param magError      its error [mag]
 * @param apertureFlux  flux in each fixed circular aperture [count]
 * @param apertureFluxError their errors [count]
 * @param peak          peak value above the background [count]
 * @param background    background at the centroid [count]
 * @param fwhm          full width at half maximum, assuming a Gaussian core [px]
 * @param a             semi-major axis (RMS of the profile) [px]
 * @param b             semi-minor axis [px]
 * @param theta         position angle, counter-clockwise from +x [deg]
 * @param ellipticity   1 - b/a
 * @param kronRadius    Kron radius [in units of a and b]
 * @param area          isophotal area above the analysis threshold [px²]
 * @param flags         the finder's quality flags (SExtractor: 1 neighbours, 2 blended, 4 saturated, 8 truncated …)
 */
public record Source(int number, double x, double y, double positionError, double ra, double dec,
                     double flux, double fluxError, double mag, double magError,
                     List<Double> apertureFlux, List<Double> apertureFluxError,
                     double peak, double background, double fwhm, double a, double b, double theta,
                     double ellipticity, double kronRadius, double area, int flags) {

    public Source {
        apertureFlux = List.copyOf(apertureFlux);
        apertureFluxError = List.copyOf(apertureFluxError);
    }

    /** Radius of the circle marking the source in previews and region files [px]: wide enough to see, not to swamp neighbours. */
    public double markerRadius() {
        double r = Double.isNaN(fwhm) ? 5 : 1.5 * fwhm;
        return Math.max(3, Math.min(50, r));
    }

    public boolean hasWorldPosition() {
        return !Double.isNaN(ra) && !Double.isNaN(dec);
    }
}
