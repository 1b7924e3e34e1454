package org.plinth.apps.astra;

import java.util.Locale;
import java.util.Objects;

/**
 * One {@code key=value} of a namelist: {@code MaxE(1)=58.1} is name {@code MaxE}, index 1.
 *
 * @param name  the variable as written (ASTRA ignores case; the spelling is kept for the writer)
 * @param index the array index, or null for a scalar
 * @param value a {@link String}, {@link Long}, {@link Double} or {@link Boolean}
 */
public record Assignment(String name, Integer index, Object value) {

    public Assignment {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(value, "value");
        if (!(value instanceof String || value instanceof Long || value instanceof Double || value instanceof Boolean)) {
            throw new IllegalArgumentException("a namelist value is a string, whole number, real or logical: " + value);
        }
        if (value instanceof Double d && !Double.isFinite(d)) {
            throw new IllegalArgumentException(name + ": Fortran cannot read " + d);
        }
    }

    /** The case-insensitive identity of the variable: {@code maxe(1)}. */
    public String key() {
        return key(name, index);
    }

    static String key(String name, Integer index) {
        String lower = name.toLowerCase(Locale.ROOT);
        return index == null ? lower : lower + "(" + index + ")";
    }
}
