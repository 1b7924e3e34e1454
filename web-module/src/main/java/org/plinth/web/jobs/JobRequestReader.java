package org.plinth.web.jobs;

import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.plinth.jobs.JobRequest;
import org.plinth.problems.FieldError;
import org.plinth.problems.ProblemException;

/**
 * Checks the shape of a submit body ({@code app}, {@code inputs}, {@code resources},
 * {@code name}, {@code tags}, {@code executor}) and names every field that is wrong. The inputs
 * themselves are checked by the engine against the app's input record.
 */
final class JobRequestReader {

    private static final Set<String> FIELDS = Set.of("app", "inputs", "resources", "name", "tags", "executor");
    private static final Set<String> RESOURCE_FIELDS = Set.of("cores", "memoryMb", "walltimeSeconds");

    private JobRequestReader() {
    }

    static JobRequest read(JsonObject body) {
        List<FieldError> errors = new ArrayList<>();
        for (String key : body.keySet()) {
            if (!FIELDS.contains(key)) {
                errors.add(new FieldError(key, "unknown field; known fields are " + new java.util.TreeSet<>(FIELDS)));
            }
        }
        String app = string(body, "app", true, 64, errors);
        JsonObject inputs = JsonValue.EMPTY_JSON_OBJECT;
        if (body.containsKey("inputs") && body.get("inputs").getValueType() != JsonValue.ValueType.NULL) {
            if (body.get("inputs").getValueType() == JsonValue.ValueType.OBJECT) {
                inputs = body.getJsonObject("inputs");
            } else {
                errors.add(new FieldError("inputs", "must be an object"));
            }
        }
        Integer cores = null;
        Long memory = null;
        Long walltime = null;
        if (body.containsKey("resources") && body.get("resources").getValueType() != JsonValue.ValueType.NULL) {
            if (body.get("resources").getValueType() != JsonValue.ValueType.OBJECT) {
                errors.add(new FieldError("resources", "must be an object"));
            } else {
                JsonObject r = body.getJsonObject("resources");
                for (String key : r.keySet()) {
                    if (!RESOURCE_FIELDS.contains(key)) {
                        errors.add(new FieldError("resources." + key, "unknown field; known fields are " + new java.util.TreeSet<>(RESOURCE_FIELDS)));
                    }
                }
                Long c = whole(r, "cores", "resources.cores", Integer.MAX_VALUE, errors);
                cores = c == null ? null : c.intValue();
                memory = whole(r, "memoryMb", "resources.memoryMb", Long.MAX_VALUE, errors);
                walltime = whole(r, "walltimeSeconds", "resources.walltimeSeconds", Long.MAX_VALUE, errors);
            }
        }
        String name = string(body, "name", false, 200, errors);
        List<String> tags = new ArrayList<>();
        if (body.containsKey("tags") && body.get("tags").getValueType() != JsonValue.ValueType.NULL) {
            if (body.get("tags").getValueType() != JsonValue.ValueType.ARRAY) {
                errors.add(new FieldError("tags", "must be an array of strings"));
            } else {
                var array = body.getJsonArray("tags");
                if (array.size() > 32) {
                    errors.add(new FieldError("tags", "at most 32 tags"));
                }
                for (int i = 0; i < array.size(); i++) {
                    JsonValue v = array.get(i);
                    if (v.getValueType() != JsonValue.ValueType.STRING || ((JsonString) v).getString().length() > 64
                            || ((JsonString) v).getString().isBlank()) {
                        errors.add(new FieldError("tags[" + i + "]", "must be a non-blank string of at most 64 characters"));
                    } else {
                        tags.add(((JsonString) v).getString());
                    }
                }
            }
        }
        String executor = string(body, "executor", false, 32, errors);
        if (!errors.isEmpty()) {
            throw ProblemException.badRequest(errors.size() == 1 ? errors.get(0).field() + ": " + errors.get(0).reason()
                    : errors.size() + " fields are invalid", errors);
        }
        return new JobRequest(app, inputs, cores, memory, walltime, name, List.copyOf(tags), executor);
    }

    private static String string(JsonObject o, String key, boolean required, int max, List<FieldError> errors) {
        JsonValue v = o.get(key);
        if (v == null || v.getValueType() == JsonValue.ValueType.NULL) {
            if (required) {
                errors.add(new FieldError(key, "is required"));
            }
            return null;
        }
        if (v.getValueType() != JsonValue.ValueType.STRING) {
            errors.add(new FieldError(key, "must be a string"));
            return null;
        }
        String s = ((JsonString) v).getString();
        if (s.isBlank() || s.length() > max) {
            errors.add(new FieldError(key, "must be a non-blank string of at most " + max + " characters"));
            return null;
        }
        return s;
    }

    private static Long whole(JsonObject o, String key, String field, long max, List<FieldError> errors) {
        JsonValue v = o.get(key);
        if (v == null || v.getValueType() == JsonValue.ValueType.NULL) {
            return null;
        }
        if (v.getValueType() != JsonValue.ValueType.NUMBER) {
            errors.add(new FieldError(field, "must be a whole number"));
            return null;
        }
        BigDecimal n = ((JsonNumber) v).bigDecimalValue();
        // 1e3 is whole too; JSON-P's isIntegral() says no to any exponent.
        if (n.signum() != 0 && n.stripTrailingZeros().scale() > 0) {
            errors.add(new FieldError(field, "must be a whole number"));
            return null;
        }
        if (n.compareTo(BigDecimal.ONE) < 0 || n.compareTo(BigDecimal.valueOf(max)) > 0) {
            errors.add(new FieldError(field, "must be between 1 and " + max));
            return null;
        }
        return n.longValueExact();
    }
}
