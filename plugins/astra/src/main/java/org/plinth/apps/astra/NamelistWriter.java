package org.plinth.apps.astra;

import java.util.Locale;

/**
 * Writes namelists in the forms every ASTRA version reads: one assignment per line, logicals
 * as {@code T}/{@code F}, strings in single quotes (a quote doubled), reals in Java's shortest
 * round-tripping form (an {@code E} exponent, which Fortran accepts), and the closing {@code /}.
 */
public final class NamelistWriter {

    private NamelistWriter() {
    }

    public static String write(NamelistFile file) {
        StringBuilder out = new StringBuilder();
        for (Namelist group : file.groups()) {
            out.append(write(group)).append('\n');
        }
        return out.toString();
    }

    public static String write(Namelist group) {
        StringBuilder out = new StringBuilder("&").append(group.name().toUpperCase(Locale.ROOT)).append('\n');
        for (Assignment a : group.assignments()) {
            out.append("  ").append(a.name());
            if (a.index() != null) {
                out.append('(').append(a.index()).append(')');
            }
            out.append(" = ").append(literal(a.value())).append('\n');
        }
        return out.append("/\n").toString();
    }

    static String literal(Object value) {
        if (value instanceof Boolean b) {
            return b ? "T" : "F";
        }
        if (value instanceof String s) {
            return "'" + s.replace("'", "''") + "'";
        }
        if (value instanceof Double d) {
            return Double.toString(d);
        }
        return String.valueOf(value);
    }
}
