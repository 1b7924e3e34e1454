package org.plinth.apps.sourcefinder;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.List;
import java.util.Random;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

class StretchTest {

    static float[] noise(int n, double mean, double sigma, long seed) {
        Random r = new Random(seed);
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = (float) (mean + sigma * r.nextGaussian());
        }
        return v;
    }

    @Test
    void asinhMapsItsRangeToBlackAndWhiteAndLiftsFaintValues() {
        AsinhStretch s = new AsinhStretch(100, 1100, 0.1);
        assertEquals(0, s.apply(100), 1e-12);
        assertEquals(1, s.apply(1100), 1e-12);
        assertEquals(0, s.apply(-5), 1e-12);
        assertEquals(1, s.apply(1e9), 1e-12);
        assertEquals(0, s.apply(Double.NaN));
        assertTrue(s.apply(200) > 0.25, "10 % of the range shows at over a quarter of full brightness: " + s.apply(200));
        double previous = -1;
        for (int v = 100; v <= 1100; v += 10) {
            assertTrue(s.apply(v) > previous);
            previous = s.apply(v);
        }
    }

    @Test
    void asinhFitsPercentiles() {
        float[] sample = new float[1001];
        for (int i = 0; i <= 1000; i++) {
            sample[i] = i;
        }
        AsinhStretch s = AsinhStretch.fit(sample);
        assertEquals(5, s.low(), 0.6);
        assertEquals(999, s.high(), 0.6);
    }

    @Test
    void zscaleOnNoiseSpansAFewSigmaAroundTheMedianWhateverTheSources() {
        float[] sample = noise(20_000, 100, 10, 1);
        for (int i = 0; i < 400; i++) {
            sample[i * 50] = 5000 + i * 100; // bright sources, 2 % of the pixels
        }
        LinearStretch s = ZScale.fit(sample);
        // a Gaussian's sorted values are steepest in the tails: zscale spans roughly ±6 σ
        assertTrue(s.low() < 70 && s.low() > 20, "z1 " + s.low());
        assertTrue(s.high() > 130 && s.high() < 180, "z2 " + s.high());
        assertEquals(0.5, s.apply(100), 0.15); // z1 is clipped at the sample's minimum
    }

    @Test
    void zscaleOfAConstantImageDoesNotDivideByZero() {
        float[] flat = new float[1000];
        java.util.Arrays.fill(flat, 7f);
        LinearStretch s = ZScale.fit(flat);
        assertEquals(7, s.low());
        assertEquals(7, s.high());
        assertEquals(1, s.apply(7));
        assertEquals(0, ZScale.fit(new float[0]).apply(Double.NaN));
    }

    @Test
    void previewIsAPngTheSizeOfTheBinnedImageWithSourcesCircled() throws Exception {
        int n = 64;
        float[][] pixels = new float[n][n];
        for (float[] row : pixels) {
            java.util.Arrays.fill(row, 0f);
        }
        pixels[9][19] = 100; // FITS (20, 10)
        Source s = WritersTest.source(1, 20, 10, Double.NaN, 2);
        BufferedImage img = PreviewImage.render(pixels, 1, new LinearStretch(0, 100), List.of(s));
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        PreviewImage.writePng(img, png);
        BufferedImage back = ImageIO.read(new ByteArrayInputStream(png.toByteArray()));
        assertEquals(n, back.getWidth());
        assertEquals(n, back.getHeight());
        // FITS y = 10 is row n - 10 from the top; the source pixel is white
        assertEquals(0xffffff, back.getRGB(19, n - 10) & 0xffffff);
        // the circle (radius 3 px) passes 3 px right of the centre, in green
        int ring = back.getRGB(19 + 3, n - 10);
        assertTrue(((ring >> 8) & 0xff) > 100 && ((ring >> 16) & 0xff) < 100, Integer.toHexString(ring));
        assertEquals(0, back.getRGB(40, 40) & 0xffffff, "background is black");
    }

    @Test
    void largeImagesAreBinnedToAtMost1024() {
        assertEquals(1, PreviewImage.binning(1024, 300));
        assertEquals(2, PreviewImage.binning(1025, 300));
        assertEquals(4, PreviewImage.binning(300, 4096));
    }

    @Test
    void samplesSkipNaN() {
        float[][] pixels = {{1, Float.NaN}, {3, 4}};
        float[] s = PreviewImage.sample(pixels);
        assertEquals(3, s.length);
    }
}
