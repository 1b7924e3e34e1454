package org.plinth.apps.astra;

import java.util.Locale;
import java.util.SplittableRandom;

/**
 * The distribution shapes of ASTRA's generator that the native generator draws, each with the
 * values ASTRA accepts ({@code Dist_x='g'} or {@code 'gauss'}) and with unit rms so that the
 * requested sigma is the rms of what is generated.
 */
public enum Shape {
    GAUSS("gauss", "g", "gaussian"),
    UNIFORM("uniform", "u"),
    INVERTED_PARABOLA("inverted", "i", "inverted-parabola"),
    PLATEAU("plateau", "p"),
    /** Uniform over a disk in x–y (ASTRA's {@code 'r'}): the rms of x is a quarter of the diameter. */
    RADIAL("r", "radial", "radial-uniform");

    private final String astraValue;
    private final String[] synonyms;

    Shape(String astraValue, String... synonyms) {
        this.astraValue = astraValue;
        this.synonyms = synonyms;
    }

    /** What is written into ASTRA's &INPUT. */
    public String astraValue() {
        return astraValue;
    }

    public static Shape of(String value, String variable) throws UnsupportedShapeException {
        String v = value.strip().toLowerCase(Locale.ROOT);
        for (Shape s : values()) {
            if (s.astraValue.equals(v)) {
                return s;
            }
            for (String syn : s.synonyms) {
                if (syn.equals(v)) {
                    return s;
                }
            }
        }
        throw new UnsupportedShapeException(variable + "='" + value + "' is not one of the native generator's shapes "
                + "(gauss, uniform, inverted, plateau, r); use engine astra for ASTRA's other distributions");
    }

    /** A generator input the native engine cannot honour: the user's to change. */
    public static class UnsupportedShapeException extends Exception {
        public UnsupportedShapeException(String message) {
            super(message, null, false, false);
        }
    }

    /**
     * A draw with mean 0 and rms 1. {@code cut} (in sigmas, 0 for none) truncates a Gaussian;
     * its width is then widened so the truncated draw still has rms 1.
     */
    double draw(SplittableRandom r, double cut) {
        return switch (this) {
            case GAUSS -> truncatedGauss(r, cut);
            case UNIFORM -> (2 * r.nextDouble() - 1) * Math.sqrt(3);
            case INVERTED_PARABOLA -> parabola(r) * Math.sqrt(5);
            case PLATEAU, RADIAL -> throw new IllegalStateException(this + " has no one-dimensional unit draw");
        };
    }

    static double gauss(SplittableRandom r) {
        // Box–Muller (SplittableRandom has no nextGaussian on Java 17)
        double u = 1 - r.nextDouble();
        return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * r.nextDouble());
    }

    private static double truncatedGauss(SplittableRandom r, double cut) {
        if (cut <= 0) {
            return gauss(r);
        }
        double scale = 1 / Math.sqrt(truncatedVariance(cut));
        while (true) {
            double g = gauss(r);
            if (Math.abs(g) <= cut) {
                return g * scale;
            }
        }
    }

    /** Variance of a unit normal cut at ±c: 1 − 2cφ(c)/(2Φ(c) − 1). */
    static double truncatedVariance(double c) {
        double phi = Math.exp(-c * c / 2) / Math.sqrt(2 * Math.PI);
        return 1 - 2 * c * phi / erf(c / Math.sqrt(2));
    }

    /** Density 3/4 (1 − x²) on [−1, 1]: the median of three uniforms' rule (Devroye). */
    private static double parabola(SplittableRandom r) {
        double u1 = 2 * r.nextDouble() - 1;
        double u2 = 2 * r.nextDouble() - 1;
        double u3 = 2 * r.nextDouble() - 1;
        return Math.abs(u3) >= Math.abs(u2) && Math.abs(u3) >= Math.abs(u1) ? u2 : u3;
    }

    /** Abramowitz–Stegun 7.1.26 (error below 1.5e-7): enough for a width correction. */
    static double erf(double x) {
        double t = 1 / (1 + 0.3275911 * Math.abs(x));
        double y = 1 - (((((1.061405429 * t - 1.453152027) * t) + 1.421413741) * t - 0.284496736) * t + 0.254829592)
                * t * Math.exp(-x * x);
        return x >= 0 ? y : -y;
    }
}
