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
import org.plinth.jobs.inputs.FileEntry;
import org.plinth.problems.FieldError;
import org.plinth.problems.ProblemException;

/**
 * Checks the shape of a submit body ({@code app}, {@code inputs}, {@code resources},
 * {@code name}, {@code tags}, {@code executor}, {@code files}, {@code callback}, {@code sweep}) and names every field
 * that is wrong. The inputs and the sweep's axes are checked by the engine against the app's input record.
 */
final class JobRequestReader {

    private static final Set<String> FIELDS = Set.of("app", "inputs", "resources", "name", "tags", "executor", "files",
            "callback", "sweep");
    private static final Set<String> RESOURCE_FIELDS = Set.of("cores", "memoryMb", "walltimeSeconds", "gpus");

    private static final int MAX_FILES = 1000;

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
        Integer gpus = null;
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
                Long g = whole(r, "gpus", "resources.gpus", 0, Integer.MAX_VALUE, errors);
                gpus = g == null ? null : g.intValue();
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
        java.util.Map<String, FileEntry> files = files(body, errors);
        String callback = string(body, "callback", false, org.plinth.callbacks.CallbackUrl.MAX_LENGTH, errors);
        if (callback != null) {
            org.plinth.callbacks.CallbackUrl.problem(callback).ifPresent(reason -> errors.add(new FieldError("callback", reason)));
        }
        JsonObject sweep = null;
        if (body.containsKey("sweep") && body.get("sweep").getValueType() != JsonValue.ValueType.NULL) {
            if (body.get("sweep").getValueType() == JsonValue.ValueType.OBJECT) {
                sweep = body.getJsonObject("sweep");
            } else {
                errors.add(new FieldError("sweep", "must be an object from an input's name to a list of values or a range "
                        + "{\"from\": …, \"to\": …, \"steps\": …}"));
            }
        }
        if (!errors.isEmpty()) {
            throw ProblemException.badRequest(errors.size() == 1 ? errors.get(0).field() + ": " + errors.get(0).reason()
                    : errors.size() + " fields are invalid", errors);
        }
        return new JobRequest(app, inputs, cores, memory, walltime, gpus, name, List.copyOf(tags), executor, files, callback, sweep);
    }

    /** {"path": "<ref>"} or {"path": {"source": "<ref>", "unpack": true}}; paths are checked by the engine. */
    private static java.util.Map<String, FileEntry> files(JsonObject body, List<FieldError> errors) {
        java.util.Map<String, FileEntry> files = new java.util.LinkedHashMap<>();
        JsonValue v = body.get("files");
        if (v == null || v.getValueType() == JsonValue.ValueType.NULL) {
            return files;
        }
        if (v.getValueType() != JsonValue.ValueType.OBJECT) {
            errors.add(new FieldError("files", "must be an object from a path in the workspace to a file id or job:<jobId>/<path>"));
            return files;
        }
        if (v.asJsonObject().size() > MAX_FILES) {
            errors.add(new FieldError("files", "at most " + MAX_FILES + " files"));
            return files;
        }
        for (var e : v.asJsonObject().entrySet()) {
            String field = "files." + e.getKey();
            JsonValue entry = e.getValue();
            if (entry.getValueType() == JsonValue.ValueType.STRING) {
                files.put(e.getKey(), new FileEntry(((JsonString) entry).getString(), false));
            } else if (entry.getValueType() == JsonValue.ValueType.OBJECT) {
                JsonObject o = entry.asJsonObject();
                for (String key : o.keySet()) {
                    if (!key.equals("source") && !key.equals("unpack")) {
                        errors.add(new FieldError(field + "." + key, "unknown field; known fields are [source, unpack]"));
                    }
                }
                JsonValue sv = o.get("source");
                String source = sv != null && sv.getValueType() == JsonValue.ValueType.STRING ? ((JsonString) sv).getString() : null;
                if (source == null) {
                    errors.add(new FieldError(field + ".source", "is required: a file id or job:<jobId>/<path>"));
                }
                JsonValue unpack = o.get("unpack");
                boolean unpacked = false;
                if (unpack != null && unpack != JsonValue.NULL) {
                    if (unpack != JsonValue.TRUE && unpack != JsonValue.FALSE) {
                        errors.add(new FieldError(field + ".unpack", "must be true or false"));
                    }
                    unpacked = unpack == JsonValue.TRUE;
                }
                if (source != null) {
                    files.put(e.getKey(), new FileEntry(source, unpacked));
                }
            } else {
                errors.add(new FieldError(field, "must be a file id, job:<jobId>/<path>, or {\"source\": …, \"unpack\": true}"));
            }
        }
        return files;
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
        return whole(o, key, field, 1, max, errors);
    }

    private static Long whole(JsonObject o, String key, String field, long min, long max, List<FieldError> errors) {
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
        if (n.compareTo(BigDecimal.valueOf(min)) < 0 || n.compareTo(BigDecimal.valueOf(max)) > 0) {
            errors.add(new FieldError(field, "must be between " + min + " and " + max));
            return null;
        }
        return n.longValueExact();
    }
}
