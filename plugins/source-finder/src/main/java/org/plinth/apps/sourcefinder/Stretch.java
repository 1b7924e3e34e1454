package org.plinth.apps.sourcefinder;

/** Maps pixel values to display brightness in [0, 1]. */
public interface Stretch {

    double apply(double value);

    /** The stretch called {@code name} ({@code asinh} or {@code zscale}) fitted to a sample of finite pixel values. */
    static Stretch fitted(String name, float[] sample) {
        return switch (name) {
            case "asinh" -> AsinhStretch.fit(sample);
            case "zscale" -> ZScale.fit(sample);
            default -> throw new IllegalArgumentException("unknown stretch " + name);
        };
    }
}
