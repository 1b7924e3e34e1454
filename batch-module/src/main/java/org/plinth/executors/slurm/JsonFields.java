package org.plinth.executors.slurm;

import jakarta.json.JsonArray;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Lenient reading of slurmrestd's bodies: a missing or null field is absent, never an exception. */
final class JsonFields {

    private JsonFields() {
    }

    static String text(JsonObject o, String key) {
        return o != null && o.get(key) instanceof JsonString s ? s.getString() : null;
    }

    /** A plain number (v0.0.38), or the number of a {set, infinite, number} object (v0.0.40+). */
    static Long number(JsonObject o, String key) {
        JsonValue v = o == null ? null : o.get(key);
        if (v instanceof JsonNumber n) {
            return n.longValue();
        }
        if (v instanceof JsonObject noVal) {
            boolean set = noVal.getBoolean("set", noVal.containsKey("number"));
            boolean infinite = noVal.getBoolean("infinite", false);
            if (set && !infinite && noVal.get("number") instanceof JsonNumber n) {
                return n.longValue();
            }
        }
        return null;
    }

    /** A time in epoch seconds; SLURM's 0 means "not yet". */
    static Instant time(JsonObject o, String key) {
        Long t = number(o, key);
        return t == null || t <= 0 ? null : Instant.ofEpochSecond(t);
    }

    /** A string or a list of strings, as a list. */
    static List<String> texts(JsonObject o, String key) {
        List<String> list = new ArrayList<>();
        JsonValue v = o == null ? null : o.get(key);
        if (v instanceof JsonString s) {
            list.add(s.getString());
        } else if (v instanceof JsonArray a) {
            for (JsonValue e : a) {
                if (e instanceof JsonString s) {
                    list.add(s.getString());
                }
            }
        }
        return list;
    }

    static List<JsonObject> objects(JsonObject o, String key) {
        List<JsonObject> list = new ArrayList<>();
        if (o != null && o.get(key) instanceof JsonArray a) {
            for (JsonValue e : a) {
                if (e instanceof JsonObject obj) {
                    list.add(obj);
                }
            }
        }
        return list;
    }

    static JsonObject object(JsonObject o, String key) {
        return o != null && o.get(key) instanceof JsonObject obj ? obj : null;
    }

    static String emptyToNull(String s) {
        return s == null || s.isEmpty() ? null : s;
    }

    /** The Slurm release in a reply's meta: {@code meta.Slurm.release} (v0.0.38) or {@code meta.slurm.release}. */
    static String release(JsonObject body) {
        JsonObject meta = object(body, "meta");
        JsonObject slurm = object(meta, "Slurm") != null ? object(meta, "Slurm") : object(meta, "slurm");
        String r = text(slurm, "release");
        return r == null ? "" : r;
    }
}
