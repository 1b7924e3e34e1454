package org.plinth.web;

import java.util.Locale;
import java.util.regex.Pattern;
import org.plinth.problems.ProblemException;

/** Query and path parameters as the resources read them: checked, with a 400 naming the parameter. */
public final class Params {

    private static final Pattern ID = Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

    private Params() {
    }

    /** Ids are UUIDs; anything else cannot name a thing, so it is a 404 like an unknown id. */
    public static String id(String id, String what) {
        if (id == null || !ID.matcher(id).matches()) {
            throw ProblemException.notFound("no " + what + " " + (id == null ? "" : id.length() > 64 ? id.substring(0, 64) + "…" : id));
        }
        return id;
    }

    public static boolean flag(String name, String value, boolean fallback) {
        if (value == null) {
            return fallback;
        }
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "true", "1", "yes" -> true;
            case "false", "0", "no" -> false;
            default -> throw ProblemException.badRequest(name, "must be true or false");
        };
    }

    public static long number(String name, String value, long fallback, long min, long max) {
        if (value == null || value.isEmpty()) {
            return fallback;
        }
        try {
            long n = Long.parseLong(value);
            if (n < min || n > max) {
                throw ProblemException.badRequest(name, "must be between " + min + " and " + max);
            }
            return n;
        } catch (NumberFormatException e) {
            throw ProblemException.badRequest(name, "must be a whole number");
        }
    }

    /** The Content-Length a client declared, or -1 (chunked, or nonsense the container refuses). */
    public static long declaredLength(String header) {
        try {
            return header == null ? -1 : Long.parseLong(header.trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
