package org.plinth.apps.sourcefinder;

import java.util.Arrays;

/**
 * asinh(t / a) / asinh(1 / a) of t, the value scaled linearly to [0, 1] between {@code low} and
 * {@code high} (Lupton et al. 2004; astropy's AsinhStretch): nearly linear for faint values,
 * logarithmic for bright ones, so faint sources and bright cores both show.
 *
 * @param softening a, the fraction of the range where the curve turns from linear to logarithmic
 */
public record AsinhStretch(double low, double high, double softening) implements Stretch {

    static final double SOFTENING = 0.1;
    // The background's lower noise is clipped to black; the brightest 0.1 % saturate.
    static final double LOW_PERCENTILE = 0.5;
    static final double HIGH_PERCENTILE = 99.9;

    public static AsinhStretch fit(float[] sample) {
        if (sample.length == 0) {
            return new AsinhStretch(0, 1, SOFTENING);
        }
        float[] sorted = sample.clone();
        Arrays.sort(sorted);
        return new AsinhStretch(percentile(sorted, LOW_PERCENTILE), percentile(sorted, HIGH_PERCENTILE), SOFTENING);
    }

    @Override
    public double apply(double value) {
        double t = new LinearStretch(low, high).apply(value);
        return asinh(t / softening) / asinh(1 / softening);
    }

    static double percentile(float[] sorted, double p) {
        int i = (int) Math.round(p / 100 * (sorted.length - 1));
        return sorted[Math.max(0, Math.min(sorted.length - 1, i))];
    }

    private static double asinh(double x) {
        return Math.log(x + Math.sqrt(x * x + 1));
    }
}
