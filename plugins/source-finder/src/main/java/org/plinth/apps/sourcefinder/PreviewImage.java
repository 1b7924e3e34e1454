package org.plinth.apps.sourcefinder;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Ellipse2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.OutputStream;
import java.util.List;
import javax.imageio.ImageIO;

/**
 * A greyscale picture of the image with each source circled, oriented as DS9 shows it (FITS
 * y = 1 at the bottom). Rendered headless with the JDK's imaging, no other dependency.
 */
public final class PreviewImage {

    /** Longest side of a preview; larger images are binned by a whole factor. */
    public static final int MAX_SIDE = 1024;
    static final int SAMPLE_SIZE = 200_000;
    private static final Color MARK = new Color(0, 230, 0);

    private PreviewImage() {
    }

    /** The whole binning factor that brings the longest side to at most {@link #MAX_SIDE}. */
    public static int binning(int width, int height) {
        int longest = Math.max(width, height);
        return Math.max(1, (longest + MAX_SIDE - 1) / MAX_SIDE);
    }

    /** A sample of the finite pixel values, evenly strided, to fit a stretch on. */
    public static float[] sample(float[][] pixels) {
        long total = (long) pixels.length * pixels[0].length;
        int step = (int) Math.max(1, total / SAMPLE_SIZE);
        float[] sample = new float[(int) Math.min(total, SAMPLE_SIZE + 1L)];
        int n = 0;
        long i = 0;
        for (float[] row : pixels) {
            for (float v : row) {
                if (i++ % step == 0 && Float.isFinite(v) && n < sample.length) {
                    sample[n++] = v;
                }
            }
        }
        return java.util.Arrays.copyOf(sample, n);
    }

    /**
     * @param binned  the image binned by {@code factor}, row 0 = FITS y 1..factor
     * @param sources marked with circles, in FITS pixel coordinates of the unbinned image
     */
    public static BufferedImage render(float[][] binned, int factor, Stretch stretch, List<Source> sources) {
        int h = binned.length;
        int w = binned[0].length;
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int grey = (int) Math.round(255 * stretch.apply(binned[y][x]));
                img.setRGB(x, h - 1 - y, grey << 16 | grey << 8 | grey);
            }
        }
        Graphics2D g = img.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setColor(MARK);
            g.setStroke(new BasicStroke(Math.max(1f, w / 700f)));
            for (Source s : sources) {
                if (!Double.isFinite(s.x()) || !Double.isFinite(s.y())) {
                    continue;
                }
                // FITS pixel x covers [x - 0.5, x + 0.5]; the preview's pixel column c covers FITS [c·f + 0.5, (c+1)·f + 0.5]
                double px = (s.x() - 0.5) / factor;
                double py = h - (s.y() - 0.5) / factor;
                double r = Math.max(3, s.markerRadius() / factor);
                g.draw(new Ellipse2D.Double(px - r, py - r, 2 * r, 2 * r));
            }
        } finally {
            g.dispose();
        }
        return img;
    }

    public static void writePng(BufferedImage img, OutputStream out) throws IOException {
        if (!ImageIO.write(img, "png", out)) {
            throw new IOException("no PNG writer in this JDK");
        }
    }
}
