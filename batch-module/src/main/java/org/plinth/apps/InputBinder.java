package org.plinth.apps;

import org.plinth.api.Jsons;
import jakarta.json.JsonArray;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Path;
import jakarta.validation.Validator;
import java.io.StringReader;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Type;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.plinth.problems.FieldError;
import org.plinth.problems.ProblemException;

/**
 * Turns the {@code inputs} object of a request into an app's input record, or refuses it with
 * one {@link FieldError} per problem: unknown fields, missing required ones, wrong types, values
 * out of range (Bean Validation on the record). Aliases (an ASTRA mnemonic) are accepted in place
 * of the component name; defaults fill what is absent.
 */
public final class InputBinder {

    private final Validator validator;

    public InputBinder(Validator validator) {
        this.validator = validator;
    }

    public <I extends Record> I bind(Class<I> type, JsonObject json, String prefix) {
        List<FieldError> errors = new ArrayList<>();
        I value = bindRecord(type, json == null ? JsonValue.EMPTY_JSON_OBJECT : json, prefix, errors);
        if (value != null && errors.isEmpty()) {
            for (ConstraintViolation<I> v : validator.validate(value)) {
                errors.add(new FieldError(prefix + "." + path(v.getPropertyPath()), v.getMessage()));
            }
        }
        if (!errors.isEmpty()) {
            errors.sort(java.util.Comparator.comparing(FieldError::field));
            throw ProblemException.badRequest(errors.size() == 1
                    ? errors.get(0).field() + ": " + errors.get(0).reason()
                    : errors.size() + " inputs are invalid", errors);
        }
        return value;
    }

    /**
     * The request's inputs with each alias renamed to its input's name: what a job stores, so
     * the host and a rerun find every input under one name. Unknown keys stay (bind refuses them).
     */
    public static JsonObject canonical(Class<? extends Record> type, JsonObject json) {
        Map<String, String> names = new LinkedHashMap<>();
        for (InputType input : InputType.of(type)) {
            if (input.alias() != null) {
                names.put(input.alias(), input.name());
            }
        }
        var out = Jsons.createObjectBuilder();
        json.forEach((k, v) -> out.add(names.getOrDefault(k, k), v));
        return out.build();
    }

    /** The names of the inputs marked {@link org.plinth.api.InputFile}: references to files. */
    public static List<String> fileInputs(Class<? extends Record> type) {
        return InputType.of(type).stream().filter(i -> i.has(org.plinth.api.InputFile.class)).map(InputType::name).toList();
    }

    private <I extends Record> I bindRecord(Class<I> type, JsonObject json, String prefix, List<FieldError> errors) {
        List<InputType> inputs = InputType.of(type);
        Map<String, InputType> byName = new LinkedHashMap<>();
        for (InputType input : inputs) {
            byName.put(input.name(), input);
            if (input.alias() != null) {
                byName.putIfAbsent(input.alias(), input);
            }
        }
        Map<String, JsonValue> given = new LinkedHashMap<>();
        for (Map.Entry<String, JsonValue> e : json.entrySet()) {
            InputType input = byName.get(e.getKey());
            if (input == null) {
                errors.add(new FieldError(prefix + "." + e.getKey(), "unknown input; known inputs are " + names(inputs)));
            } else if (given.put(input.name(), e.getValue()) != null) {
                errors.add(new FieldError(prefix + "." + input.name(), "given twice (by name and by alias)"));
            }
        }
        Object[] args = new Object[inputs.size()];
        for (int i = 0; i < inputs.size(); i++) {
            InputType input = inputs.get(i);
            String field = prefix + "." + input.name();
            JsonValue value = given.get(input.name());
            // An explicit null means "not given": the default applies.
            if ((value == null || value.getValueType() == JsonValue.ValueType.NULL) && input.defaultJson() != null) {
                value = Jsons.createReader(new StringReader(input.defaultJson())).readValue();
            }
            if (value == null || value.getValueType() == JsonValue.ValueType.NULL) {
                if (input.required()) {
                    errors.add(new FieldError(field, "is required"));
                }
                continue;
            }
            args[i] = convert(value, input.type(), field, errors);
            if (args[i] != null && !input.choices().isEmpty() && !input.choices().contains(String.valueOf(args[i]))) {
                errors.add(new FieldError(field, "must be one of " + input.choices()));
            }
        }
        if (!errors.isEmpty()) {
            return null;
        }
        try {
            Class<?>[] types = Arrays.stream(type.getRecordComponents()).map(c -> c.getType()).toArray(Class<?>[]::new);
            Constructor<I> constructor = type.getDeclaredConstructor(types);
            constructor.setAccessible(true);
            return constructor.newInstance(args);
        } catch (InvocationTargetException e) {
            // The record's compact constructor refused the combination of values.
            errors.add(new FieldError(prefix, String.valueOf(e.getCause().getMessage())));
            return null;
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot construct " + type.getName(), e);
        }
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private Object convert(JsonValue value, Type type, String field, List<FieldError> errors) {
        Class<?> raw = InputType.raw(type);
        JsonValue.ValueType vt = value.getValueType();
        if (raw == String.class) {
            if (vt != JsonValue.ValueType.STRING) {
                return wrong(field, "a string", errors);
            }
            return ((JsonString) value).getString();
        }
        if (raw == boolean.class || raw == Boolean.class) {
            if (vt == JsonValue.ValueType.TRUE) {
                return true;
            }
            if (vt == JsonValue.ValueType.FALSE) {
                return false;
            }
            return wrong(field, "true or false", errors);
        }
        if (raw == int.class || raw == Integer.class || raw == long.class || raw == Long.class) {
            if (vt != JsonValue.ValueType.NUMBER || !isWhole((JsonNumber) value)) {
                return wrong(field, "a whole number", errors);
            }
            BigDecimal n = ((JsonNumber) value).bigDecimalValue();
            boolean isInt = raw == int.class || raw == Integer.class;
            BigDecimal lo = BigDecimal.valueOf(isInt ? Integer.MIN_VALUE : Long.MIN_VALUE);
            BigDecimal hi = BigDecimal.valueOf(isInt ? Integer.MAX_VALUE : Long.MAX_VALUE);
            if (n.compareTo(lo) < 0 || n.compareTo(hi) > 0) {
                return wrong(field, "a whole number between " + lo + " and " + hi, errors);
            }
            return isInt ? (Object) n.intValueExact() : (Object) n.longValueExact();
        }
        if (raw == double.class || raw == Double.class || raw == float.class || raw == Float.class) {
            if (vt != JsonValue.ValueType.NUMBER) {
                return wrong(field, "a number", errors);
            }
            double d = ((JsonNumber) value).doubleValue();
            if (Double.isInfinite(d)) {
                return wrong(field, "a finite number", errors);
            }
            return raw == float.class || raw == Float.class ? (Object) (float) d : (Object) d;
        }
        if (raw.isEnum()) {
            if (vt == JsonValue.ValueType.STRING) {
                String s = ((JsonString) value).getString();
                for (Object constant : raw.getEnumConstants()) {
                    if (((Enum<?>) constant).name().equals(s)) {
                        return constant;
                    }
                }
            }
            List<String> names = Arrays.stream(raw.getEnumConstants()).map(c -> ((Enum<?>) c).name()).toList();
            return wrong(field, "one of " + names, errors);
        }
        if (InputType.isList(raw)) {
            if (vt != JsonValue.ValueType.ARRAY) {
                return wrong(field, "an array", errors);
            }
            JsonArray array = (JsonArray) value;
            List<Object> list = new ArrayList<>(array.size());
            Type item = InputType.typeArgument(type, 0);
            for (int i = 0; i < array.size(); i++) {
                list.add(convert(array.get(i), item, field + "[" + i + "]", errors));
            }
            return List.copyOf(list.stream().filter(java.util.Objects::nonNull).toList());
        }
        if (InputType.isMap(raw)) {
            if (vt != JsonValue.ValueType.OBJECT) {
                return wrong(field, "an object", errors);
            }
            Map<String, Object> map = new LinkedHashMap<>();
            Type item = InputType.typeArgument(type, 1);
            for (Map.Entry<String, JsonValue> e : ((JsonObject) value).entrySet()) {
                Object v = convert(e.getValue(), item, field + "." + e.getKey(), errors);
                if (v != null) {
                    map.put(e.getKey(), v);
                }
            }
            return map;
        }
        if (raw.isRecord()) {
            if (vt != JsonValue.ValueType.OBJECT) {
                return wrong(field, "an object", errors);
            }
            return bindRecord((Class<? extends Record>) raw, (JsonObject) value, field, errors);
        }
        throw new IllegalStateException("unsupported input type " + type + " at " + field);
    }

    private static boolean isWhole(JsonNumber n) {
        if (n.isIntegral()) {
            return true;
        }
        BigDecimal d = n.bigDecimalValue();
        return d.signum() == 0 || d.scale() <= 0 || d.stripTrailingZeros().scale() <= 0;
    }

    private static Object wrong(String field, String expected, List<FieldError> errors) {
        errors.add(new FieldError(field, "must be " + expected));
        return null;
    }

    private static List<String> names(List<InputType> inputs) {
        return inputs.stream().map(InputType::name).toList();
    }

    /** Bean Validation paths like {@code environment<K>[1X].<map key>} as {@code environment.1X}. */
    private static String path(Path path) {
        StringBuilder out = new StringBuilder();
        for (Path.Node node : path) {
            String name = node.getName();
            if (node.getKind() == jakarta.validation.ElementKind.CONTAINER_ELEMENT) {
                if (node.getKey() != null) {
                    out.append('.').append(node.getKey());
                } else if (node.getIndex() != null) {
                    out.append('[').append(node.getIndex()).append(']');
                }
                continue;
            }
            if (node.isInIterable()) {
                if (node.getKey() != null) {
                    out.append('.').append(node.getKey());
                } else if (node.getIndex() != null) {
                    out.append('[').append(node.getIndex()).append(']');
                }
            }
            if (name != null && !name.startsWith("<")) {
                if (out.length() > 0) {
                    out.append('.');
                }
                out.append(name);
            }
        }
        return out.toString();
    }
}
