package org.plinth.apps.hyphy;

import jakarta.json.JsonObjectBuilder;
import java.util.Locale;

/** Numbers as HyPhy's results hold them, written to JSON and text. */
final class Numbers {

    private Numbers() {
    }

    /** JSON has no NaN or infinity (FUBAR's dN/dS is infinite where alpha is 0): those become null. */
    static void add(JsonObjectBuilder o, String name, double value) {
        if (Double.isFinite(value)) {
            o.add(name, value);
        } else if (!Double.isNaN(value)) {
            o.addNull(name);
        }
    }

    /** A threshold as a person writes it: 0.1, not 0.1000000000000000055. */
    static String plain(double value) {
        return new java.math.BigDecimal(Double.toString(value)).stripTrailingZeros().toPlainString();
    }

    static String format(double value) {
        return String.format(Locale.ROOT, "%.3g", value);
    }
}
