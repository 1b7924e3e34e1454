package org.plinth.executors.slurm;

import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.util.ArrayList;
import java.util.List;

/**
 * One entry of slurmrestd's {@code errors[]}.
 *
 * @param code        {@code error_code} (submit in v0.0.38) or {@code error_number} (everything else)
 * @param message     {@code error}, SLURM's text for the code
 * @param description {@code description}, the details (may be empty)
 * @param source      {@code source}, the SLURM call that failed (may be empty)
 */
public record SlurmError(int code, String message, String description, String source) {

    /** Error numbers Plinth acts on. */
    public static final int UNKNOWN_JOB = 2017;
    public static final int RETRY_LATER = 11;          // EAGAIN: MaxJobCount reached, and the like
    public static final int ZERO_BYTES = 5005;         // what an expired or bad token looks like
    public static final int UNSPECIFIED = -1;          // ... or this, depending on the call

    @Override
    public String toString() {
        StringBuilder s = new StringBuilder().append(message.isEmpty() ? "error" : message).append(" [").append(code).append(']');
        if (!description.isEmpty() && !description.equals(message)) {
            s.append(": ").append(description);
        }
        return s.toString();
    }

    /** The errors of a response body; empty when it has none or is not an object. */
    static List<SlurmError> of(JsonObject body) {
        List<SlurmError> list = new ArrayList<>();
        if (body == null || !(body.get("errors") instanceof jakarta.json.JsonArray errors)) {
            return list;
        }
        for (JsonValue v : errors) {
            if (v instanceof JsonObject e) {
                int code = number(e, "error_number", number(e, "error_code", 0));
                list.add(new SlurmError(code, text(e, "error"), text(e, "description"), text(e, "source")));
            }
        }
        return list;
    }

    private static int number(JsonObject o, String key, int otherwise) {
        return o.get(key) instanceof JsonNumber n ? n.intValue() : otherwise;
    }

    private static String text(JsonObject o, String key) {
        return o.get(key) instanceof JsonString s ? s.getString() : "";
    }
}
