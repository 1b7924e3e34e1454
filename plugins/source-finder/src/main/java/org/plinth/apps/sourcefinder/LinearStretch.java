package org.plinth.apps.sourcefinder;

/** Linear from {@code low} (black) to {@code high} (white), clipped. */
public record LinearStretch(double low, double high) implements Stretch {

    @Override
    public double apply(double value) {
        if (Double.isNaN(value)) {
            return 0;
        }
        double t = high > low ? (value - low) / (high - low) : value >= high ? 1 : 0;
        return Math.max(0, Math.min(1, t));
    }
}
