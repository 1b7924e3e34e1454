package org.plinth.apps;

import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.plinth.api.InputFile;
import org.plinth.api.Jsons;
import org.plinth.jobs.sweep.Sweep;
import org.plinth.problems.FieldError;
import org.plinth.problems.ProblemException;

/**
 * Reads the {@code sweep} of a submit against an app's inputs, or refuses it with one
 * {@link FieldError} per problem: an input the app does not have, a file input (files are
 * staged once per job), an input also given in {@code inputs}, a range over an input that is not
 * a number, values of the wrong type for the input (each checked as the app would bind it), and
 * more points than the configured maximum.
 *
 * <p>An axis is a list of values ({@code "phase": [0, 5, 10]}) or a range
 * {@code {"from": 0.1, "to": 1.0, "steps": 10}}: {@code steps} evenly spaced values, both ends
 * included, computed in decimal so that 0.1 + 0.2 stays 0.3.
 */
public final class SweepBinder {

    private static final Set<String> RANGE_FIELDS = Set.of("from", "to", "steps");
    private static final Set<Class<?>> WHOLE = Set.of(int.class, Integer.class, long.class, Long.class);
    private static final Set<Class<?>> REAL = Set.of(double.class, Double.class, float.class, Float.class);

    private final InputBinder binder;
    private final int maxPoints;

    public SweepBinder(InputBinder binder, int maxPoints) {
        this.binder = binder;
        this.maxPoints = maxPoints;
    }

    /**
     * @param inputs the request's inputs, canonical (aliases renamed), without the swept ones
     */
    public Sweep bind(Class<? extends Record> type, JsonObject sweep, JsonObject inputs) {
        List<FieldError> errors = new ArrayList<>();
        Map<String, InputType> byName = new LinkedHashMap<>();
        for (InputType input : InputType.of(type)) {
            byName.put(input.name(), input);
        }
        Map<String, InputType> byAnyName = new LinkedHashMap<>(byName);
        for (InputType input : byName.values()) {
            if (input.alias() != null) {
                byAnyName.putIfAbsent(input.alias(), input);
            }
        }
        if (sweep.isEmpty()) {
            errors.add(new FieldError("sweep", "names no input; give at least one, e.g. {\"" + byName.keySet().iterator().next()
                    + "\": [1, 2, 3]}"));
        }
        List<Sweep.Axis> axes = new ArrayList<>();
        Set<String> seen = new java.util.HashSet<>();
        for (Map.Entry<String, JsonValue> e : sweep.entrySet()) {
            String field = "sweep." + e.getKey();
            InputType input = byAnyName.get(e.getKey());
            if (input == null) {
                errors.add(new FieldError(field, "unknown input; known inputs are " + byName.keySet()));
                continue;
            }
            if (!seen.add(input.name())) {
                errors.add(new FieldError(field, "given twice (by name and by alias)"));
                continue;
            }
            if (input.has(InputFile.class)) {
                errors.add(new FieldError(field, "a file input cannot vary in a sweep: its files are staged once for the "
                        + "whole job; sweep the inputs that use it"));
                continue;
            }
            if (inputs.containsKey(input.name())) {
                errors.add(new FieldError(field, "also given in inputs; give it in one place"));
                continue;
            }
            List<JsonValue> values = values(field, input, e.getValue(), errors);
            if (values != null) {
                axes.add(new Sweep.Axis(input.name(), values));
            }
        }
        if (errors.isEmpty()) {
            long points = 1;
            for (Sweep.Axis a : axes) {
                points = Math.min((long) Integer.MAX_VALUE, points * a.values().size());
            }
            if (points > maxPoints) {
                errors.add(new FieldError("sweep", points + " points (" + String.join(" × ",
                        axes.stream().map(a -> Integer.toString(a.values().size())).toList()) + "); at most " + maxPoints
                        + " (plinth.sweeps.max-points)"));
            }
        }
        if (errors.isEmpty()) {
            checkValues(type, axes, inputs, errors);
        }
        if (!errors.isEmpty()) {
            throw ProblemException.badRequest(errors.size() == 1 ? errors.get(0).field() + ": " + errors.get(0).reason()
                    : errors.size() + " fields of the sweep are invalid", errors);
        }
        return new Sweep(axes);
    }

    private List<JsonValue> values(String field, InputType input, JsonValue spec, List<FieldError> errors) {
        switch (spec.getValueType()) {
            case ARRAY -> {
                List<JsonValue> list = spec.asJsonArray();
                if (list.isEmpty()) {
                    errors.add(new FieldError(field, "lists no value"));
                    return null;
                }
                if (list.size() > maxPoints) {
                    errors.add(new FieldError(field, list.size() + " values; at most " + maxPoints + " (plinth.sweeps.max-points)"));
                    return null;
                }
                return list;
            }
            case OBJECT -> {
                return range(field, input, spec.asJsonObject(), errors);
            }
            default -> {
                errors.add(new FieldError(field, "must be a list of values or a range {\"from\": …, \"to\": …, \"steps\": …}"));
                return null;
            }
        }
    }

    private List<JsonValue> range(String field, InputType input, JsonObject range, List<FieldError> errors) {
        int before = errors.size();
        for (String key : range.keySet()) {
            if (!RANGE_FIELDS.contains(key)) {
                errors.add(new FieldError(field + "." + key, "unknown field of a range; its fields are from, to, steps"));
            }
        }
        Class<?> raw = input.rawType();
        boolean whole = WHOLE.contains(raw);
        if (!whole && !REAL.contains(raw)) {
            errors.add(new FieldError(field, "a range needs a numeric input; " + input.name() + " is " + describe(raw)
                    + ": list its values instead"));
            return null;
        }
        BigDecimal from = number(range, "from", field, errors);
        BigDecimal to = number(range, "to", field, errors);
        BigDecimal stepsValue = number(range, "steps", field, errors);
        long steps = 0;
        if (stepsValue != null) {
            if (stepsValue.signum() <= 0 || stepsValue.stripTrailingZeros().scale() > 0) {
                errors.add(new FieldError(field + ".steps", "must be a whole number of at least 1"));
            } else if (stepsValue.compareTo(BigDecimal.valueOf(maxPoints)) > 0) {
                errors.add(new FieldError(field + ".steps", stepsValue.toPlainString() + " values; at most " + maxPoints
                        + " (plinth.sweeps.max-points)"));
            } else {
                steps = stepsValue.longValueExact();
            }
        }
        if (errors.size() > before) {
            return null;
        }
        List<JsonValue> values = new ArrayList<>();
        BigDecimal span = to.subtract(from);
        for (long k = 0; k < steps; k++) {
            BigDecimal v = steps == 1 ? from
                    : from.add(span.multiply(BigDecimal.valueOf(k)).divide(BigDecimal.valueOf(steps - 1), MathContext.DECIMAL64));
            v = v.round(MathContext.DECIMAL64).stripTrailingZeros();
            if (v.scale() < 0) {
                v = v.setScale(0); // 1E+1 reads badly: 10
            }
            if (whole && v.scale() > 0) {
                errors.add(new FieldError(field, "the range gives " + v.toPlainString() + ", not a whole number, and "
                        + input.name() + " takes whole numbers: choose from, to and steps so that each step is whole"));
                return null;
            }
            values.add(Jsons.PROVIDER.createValue(v));
        }
        return values;
    }

    private static BigDecimal number(JsonObject range, String key, String field, List<FieldError> errors) {
        JsonValue v = range.get(key);
        if (v == null || v.getValueType() == JsonValue.ValueType.NULL) {
            errors.add(new FieldError(field + "." + key, "is required"));
            return null;
        }
        if (v.getValueType() != JsonValue.ValueType.NUMBER) {
            errors.add(new FieldError(field + "." + key, "must be a number"));
            return null;
        }
        return ((JsonNumber) v).bigDecimalValue();
    }

    private static String describe(Class<?> raw) {
        if (raw == String.class) {
            return "a string";
        }
        if (raw == boolean.class || raw == Boolean.class) {
            return "true or false";
        }
        if (raw.isEnum()) {
            return "a choice";
        }
        if (InputType.isList(raw)) {
            return "a list";
        }
        return "an object";
    }

    /**
     * Binds the inputs once per value of each axis (the other axes at their first value), as the
     * job will at that point, and reports a value the app refuses as {@code sweep.<input>[k]}.
     * Each axis's values are checked, not every combination: the count is the sum of the axes'
     * sizes, not their product.
     */
    private void checkValues(Class<? extends Record> type, List<Sweep.Axis> axes, JsonObject inputs, List<FieldError> errors) {
        Map<String, JsonValue> first = new LinkedHashMap<>();
        for (Sweep.Axis a : axes) {
            first.put(a.input(), a.values().get(0));
        }
        Set<String> reported = new java.util.LinkedHashSet<>();
        for (Sweep.Axis axis : axes) {
            for (int k = 0; k < axis.values().size(); k++) {
                var point = Jsons.createObjectBuilder(inputs);
                first.forEach(point::add);
                point.add(axis.input(), axis.values().get(k));
                try {
                    binder.bind(type, point.build(), "inputs");
                } catch (ProblemException refused) {
                    for (FieldError f : refused.errors()) {
                        FieldError mapped = mapped(f, axes, axis, k);
                        if (reported.add(mapped.field() + "\u0000" + mapped.reason())) {
                            errors.add(mapped);
                        }
                    }
                }
            }
        }
    }

    /** An error on a swept input at {@code inputs.<name>…} becomes {@code sweep.<name>[k]…}. */
    private static FieldError mapped(FieldError f, List<Sweep.Axis> axes, Sweep.Axis axis, int k) {
        for (Sweep.Axis a : axes) {
            String prefix = "inputs." + a.input();
            if (f.field().equals(prefix) || f.field().startsWith(prefix + ".") || f.field().startsWith(prefix + "[")) {
                int index = a == axis ? k : 0;
                return new FieldError("sweep." + a.input() + "[" + index + "]" + f.field().substring(prefix.length()),
                        f.reason());
            }
        }
        return f;
    }
}
