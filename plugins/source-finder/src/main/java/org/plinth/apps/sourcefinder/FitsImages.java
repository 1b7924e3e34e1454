package org.plinth.apps.sourcefinder;

import java.io.IOException;
import java.lang.reflect.Array;
import java.nio.file.Files;
import java.nio.file.Path;
import nom.tam.fits.BasicHDU;
import nom.tam.fits.Fits;
import nom.tam.fits.FitsException;
import nom.tam.fits.Header;
import nom.tam.fits.ImageHDU;
import nom.tam.image.StandardImageTiler;

/** Reads FITS images with nom-tam-fits: finds the image to search and streams its pixels. */
public final class FitsImages {

    private static final String SIMPLE = "SIMPLE  =";

    private FitsImages() {
    }

    /** Finds the first HDU with a 2-D image, or says in plain words why there is none. */
    public static FitsImageInfo inspect(Path file) throws BadImageException, IOException {
        if (Files.size(file) == 0) {
            throw new BadImageException("the file is empty");
        }
        // The standard's first card; checked first so junk does not reach nom-tam-fits, which logs a stack trace for it.
        try (var in = Files.newInputStream(file)) {
            String start = new String(in.readNBytes(SIMPLE.length()), java.nio.charset.StandardCharsets.US_ASCII);
            if (!start.equals(SIMPLE)) {
                throw new BadImageException("not a FITS file (it does not begin with \"SIMPLE  =\")");
            }
        }
        try (Fits fits = new Fits(file.toFile())) {
            String firstProblem = null;
            for (int index = 0; ; index++) {
                BasicHDU<?> hdu;
                try {
                    hdu = fits.readHDU();
                } catch (FitsException | IOException e) {
                    if (index == 0) {
                        throw new BadImageException("not a FITS file (" + e.getMessage() + ")");
                    }
                    throw new BadImageException("HDU " + index + " is unreadable (" + e.getMessage() + ")");
                }
                if (hdu == null) {
                    if (index == 0) {
                        throw new BadImageException("not a FITS file (no header)");
                    }
                    throw new BadImageException(firstProblem != null ? firstProblem : "no HDU holds an image");
                }
                if (!(hdu instanceof ImageHDU)) {
                    continue;
                }
                Header h = hdu.getHeader();
                int naxis = h.getIntValue("NAXIS", 0);
                if (naxis < 2) {
                    continue; // an empty primary HDU before the image extensions
                }
                int width = h.getIntValue("NAXIS1", 0);
                int height = h.getIntValue("NAXIS2", 0);
                StringBuilder shape = new StringBuilder(width + "×" + height);
                boolean degenerate = true;
                for (int axis = 3; axis <= naxis; axis++) {
                    int n = h.getIntValue("NAXIS" + axis, 0);
                    shape.append('×').append(n);
                    degenerate &= n == 1;
                }
                if (width < 1 || height < 1) {
                    firstProblem = firstProblem != null ? firstProblem : "HDU " + index + " has an empty image (" + shape + ")";
                    continue;
                }
                if (!degenerate) {
                    firstProblem = firstProblem != null ? firstProblem
                            : "HDU " + index + " is a " + naxis + "-D cube (" + shape + "); the source finder needs a 2-D image";
                    continue;
                }
                return new FitsImageInfo(index, width, height, naxis, hasCelestialWcs(h));
            }
        } catch (FitsException e) {
            throw new BadImageException("not a FITS file (" + e.getMessage() + ")");
        }
    }

    /** SExtractor computes the world coordinates itself; this only decides whether to ask for them. */
    static boolean hasCelestialWcs(Header h) {
        String c1 = h.getStringValue("CTYPE1");
        String c2 = h.getStringValue("CTYPE2");
        return c1 != null && c2 != null && (c1.startsWith("RA") || c1.startsWith("GLON") || c1.startsWith("ELON"))
                && h.containsKey("CRVAL1") && h.containsKey("CRVAL2") && h.containsKey("CRPIX1") && h.containsKey("CRPIX2");
    }

    /**
     * The image binned by {@code factor} in both directions (mean of each block, NaN-aware),
     * read a strip of rows at a time so a large image never sits in memory whole.
     * Row 0 of the answer is the image's first row (FITS y = 1, the bottom).
     */
    public static float[][] readBinned(Path file, FitsImageInfo info, int factor) throws IOException, FitsException {
        int w = info.width() / factor;
        int h = info.height() / factor;
        float[][] out = new float[Math.max(1, h)][Math.max(1, w)];
        try (Fits fits = new Fits(file.toFile())) {
            ImageHDU hdu = (ImageHDU) fits.getHDU(info.hdu());
            double bscale = hdu.getBScale();
            double bzero = hdu.getBZero();
            Long blank = hdu.getHeader().containsKey("BLANK") ? hdu.getBlankValue() : null;
            StandardImageTiler tiler = hdu.getTiler();
            int dims = info.naxis();
            for (int by = 0; by < out.length; by++) {
                int[] corners = new int[dims];
                int[] lengths = new int[dims];
                java.util.Arrays.fill(lengths, 1);
                int rows = Math.min(factor, info.height() - by * factor);
                corners[dims - 2] = by * factor;
                lengths[dims - 2] = rows;
                lengths[dims - 1] = info.width();
                Object strip = tiler.getTile(corners, lengths);
                double[] sum = new double[out[0].length];
                int[] count = new int[out[0].length];
                for (int r = 0; r < rows; r++) {
                    for (int x = 0; x < out[0].length * factor && x < info.width(); x++) {
                        double v = value(strip, r * info.width() + x, bscale, bzero, blank);
                        if (!Double.isNaN(v)) {
                            sum[x / factor] += v;
                            count[x / factor]++;
                        }
                    }
                }
                for (int bx = 0; bx < sum.length; bx++) {
                    out[by][bx] = count[bx] == 0 ? Float.NaN : (float) (sum[bx] / count[bx]);
                }
            }
        }
        return out;
    }

    private static double value(Object strip, int i, double bscale, double bzero, Long blank) {
        if (strip instanceof float[] f) {
            return f[i] * bscale + bzero;
        }
        if (strip instanceof double[] d) {
            return d[i] * bscale + bzero;
        }
        long raw = Array.getLong(strip, i);
        if (strip instanceof byte[]) {
            raw &= 0xff; // BITPIX 8 is unsigned
        }
        return blank != null && raw == blank ? Double.NaN : raw * bscale + bzero;
    }
}
