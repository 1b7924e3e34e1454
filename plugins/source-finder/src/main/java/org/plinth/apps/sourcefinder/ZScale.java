package org.plinth.apps.sourcefinder;

import java.util.Arrays;

/**
 * IRAF's zscale limits, as DS9 and astropy compute them: fit a line to the sorted sample's
 * central values with iterative rejection of outliers (the sources), then span the display range
 * around the median by the line's slope divided by the contrast. It shows the background noise
 * well whatever the bright sources do.
 */
public final class ZScale {

    static final double CONTRAST = 0.25;
    static final double REJECT_SIGMA = 2.5;
    static final int MAX_ITERATIONS = 5;
    static final double MIN_FRACTION_KEPT = 0.5;

    private ZScale() {
    }

    public static LinearStretch fit(float[] sample) {
        int n = sample.length;
        if (n == 0) {
            return new LinearStretch(0, 1);
        }
        float[] sorted = sample.clone();
        Arrays.sort(sorted);
        double min = sorted[0];
        double max = sorted[n - 1];
        double median = n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2.0;
        if (n < 5) {
            return new LinearStretch(min, max);
        }
        boolean[] rejected = new boolean[n];
        int kept = n;
        double slope = 0;
        double intercept = median;
        for (int iteration = 0; iteration < MAX_ITERATIONS; iteration++) {
            double sx = 0, sy = 0, sxx = 0, sxy = 0;
            int m = 0;
            for (int i = 0; i < n; i++) {
                if (!rejected[i]) {
                    sx += i;
                    sy += sorted[i];
                    sxx += (double) i * i;
                    sxy += (double) i * sorted[i];
                    m++;
                }
            }
            double denominator = m * sxx - sx * sx;
            if (m < 2 || denominator == 0) {
                break;
            }
            slope = (m * sxy - sx * sy) / denominator;
            intercept = (sy - slope * sx) / m;
            double ss = 0;
            for (int i = 0; i < n; i++) {
                if (!rejected[i]) {
                    double r = sorted[i] - (intercept + slope * i);
                    ss += r * r;
                }
            }
            double sigma = Math.sqrt(ss / m);
            int newlyRejected = 0;
            for (int i = 0; i < n; i++) {
                if (!rejected[i] && Math.abs(sorted[i] - (intercept + slope * i)) > REJECT_SIGMA * sigma) {
                    rejected[i] = true;
                    newlyRejected++;
                }
            }
            kept -= newlyRejected;
            if (newlyRejected == 0 || kept < MIN_FRACTION_KEPT * n) {
                break;
            }
        }
        if (kept < MIN_FRACTION_KEPT * n) {
            return new LinearStretch(min, max); // no linear core: a flat-ish display of the whole range
        }
        double center = (n - 1) / 2.0;
        double scaled = slope / CONTRAST;
        return new LinearStretch(Math.max(min, median - center * scaled), Math.min(max, median + (n - 1 - center) * scaled));
    }
}
