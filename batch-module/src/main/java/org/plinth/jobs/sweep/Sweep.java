package org.plinth.jobs.sweep;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.plinth.api.Jsons;
import org.plinth.jobs.JsonText;

/**
 * A scan over one or more inputs of an app: every combination of the axes' values, the first
 * axis varying slowest (as nested loops in the order the request named them). Points are
 * numbered from 1. Stored on the job as {@code {"input": [values…], …}} with every range already
 * expanded, so a restart or a rerun sees exactly the same points.
 */
public record Sweep(List<Axis> axes) {

    /** One input that varies, with its values in order. */
    public record Axis(String input, List<JsonValue> values) {
        public Axis {
            Objects.requireNonNull(input, "input");
            values = List.copyOf(values);
            if (values.isEmpty()) {
                throw new IllegalArgumentException("an axis needs at least one value");
            }
        }
    }

    public Sweep {
        axes = List.copyOf(axes);
        if (axes.isEmpty()) {
            throw new IllegalArgumentException("a sweep needs at least one axis");
        }
    }

    /** How many points: the product of the axes' sizes. */
    public int points() {
        long n = 1;
        for (Axis a : axes) {
            n = Math.multiplyExact(n, a.values().size());
        }
        return Math.toIntExact(n);
    }

    /** The swept inputs' values at a point (1 … points). */
    public JsonObject valuesAt(int point) {
        if (point < 1 || point > points()) {
            throw new IllegalArgumentException("no point " + point + " in a sweep of " + points());
        }
        int rest = point - 1;
        JsonValue[] chosen = new JsonValue[axes.size()];
        for (int i = axes.size() - 1; i >= 0; i--) { // the last axis varies fastest
            List<JsonValue> values = axes.get(i).values();
            chosen[i] = values.get(rest % values.size());
            rest /= values.size();
        }
        JsonObjectBuilder b = Jsons.createObjectBuilder();
        for (int i = 0; i < axes.size(); i++) {
            b.add(axes.get(i).input(), chosen[i]);
        }
        return b.build();
    }

    /** The job's inputs at a point: the stored inputs with the swept ones set. */
    public JsonObject inputsAt(JsonObject base, int point) {
        JsonObjectBuilder b = Jsons.createObjectBuilder(base);
        valuesAt(point).forEach(b::add);
        return b.build();
    }

    /** The names of the swept inputs, in order. */
    public List<String> inputs() {
        return axes.stream().map(Axis::input).toList();
    }

    /** The point's folder inside the job's workspace: {@code points/07} (zero-padded to the widest number). */
    public String folder(int point) {
        int width = Integer.toString(points()).length();
        return FOLDER + "/" + String.format(java.util.Locale.ROOT, "%0" + width + "d", point);
    }

    /** Where the points' folders are, inside the job's workspace. */
    public static final String FOLDER = "points";

    public JsonObject toJson() {
        JsonObjectBuilder b = Jsons.createObjectBuilder();
        for (Axis a : axes) {
            b.add(a.input(), Jsons.createArrayBuilder(a.values()));
        }
        return b.build();
    }

    /** The stored form back (see {@link #toJson}). */
    public static Sweep fromJson(String text) {
        JsonObject o = JsonText.parseObject(text);
        List<Axis> axes = new ArrayList<>();
        o.forEach((k, v) -> axes.add(new Axis(k, ((JsonArray) v).stream().toList())));
        return new Sweep(axes);
    }

    /** "cavityPhase × totalCharge: 20 points" */
    public String describe() {
        return String.join(" × ", inputs()) + ": " + points() + " point" + (points() == 1 ? "" : "s");
    }
}
