package org.plinth.apps.sourcefinder;

/**
 * The image a finder works on.
 *
 * @param hdu    index of the HDU holding it (0 = primary)
 * @param width  NAXIS1
 * @param height NAXIS2
 * @param naxis  NAXIS (more than 2 only with degenerate axes of length 1, as radio images have)
 * @param wcs    whether the header has a celestial WCS (CTYPE1/2 and CRVAL/CRPIX)
 */
public record FitsImageInfo(int hdu, int width, int height, int naxis, boolean wcs) {
}
