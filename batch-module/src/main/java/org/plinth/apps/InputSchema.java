package org.plinth.apps;

import org.plinth.api.Jsons;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;
import java.io.StringReader;
import java.lang.reflect.Type;
import java.math.BigDecimal;

/**
 * Derives the JSON Schema (draft 2020-12) of an app's inputs from its input record: types,
 * Bean Validation bounds, descriptions, units, aliases, choices and defaults. Describe, OpenAPI
 * and the console's form all show this one document.
 */
public final class InputSchema {

    private InputSchema() {
    }

    public static JsonObject of(Class<? extends Record> recordType) {
        JsonObjectBuilder properties = Jsons.createObjectBuilder();
        JsonArrayBuilder required = Jsons.createArrayBuilder();
        for (InputType input : InputType.of(recordType)) {
            properties.add(input.name(), property(input));
            if (input.required()) {
                required.add(input.name());
            }
        }
        return Jsons.createObjectBuilder()
                .add("type", "object")
                .add("properties", properties)
                .add("required", required)
                .add("additionalProperties", false)
                .build();
    }

    private static JsonObject property(InputType input) {
        JsonObjectBuilder p = Jsons.createObjectBuilder(typeSchema(input.type()));
        if (input.description() != null) {
            p.add("description", input.description());
        }
        if (input.unit() != null) {
            p.add("x-unit", input.unit());
        }
        if (input.alias() != null) {
            p.add("x-alias", input.alias());
        }
        if (input.has(org.plinth.api.InputFile.class)) {
            // an uploaded file's id or job:<jobId>/<path>; consoles show a file picker
            p.add("format", "plinth-file");
        }
        if (!input.choices().isEmpty()) {
            p.add("enum", Jsons.createArrayBuilder(input.choices()));
        }
        if (input.defaultJson() != null) {
            p.add("default", Jsons.createReader(new StringReader(input.defaultJson())).readValue());
        }
        constraints(input, p);
        return p.build();
    }

    private static void constraints(InputType input, JsonObjectBuilder p) {
        boolean text = input.rawType() == String.class;
        boolean collection = InputType.isList(input.rawType());
        boolean map = InputType.isMap(input.rawType());
        Size size = input.annotation(Size.class);
        if (size != null) {
            String min = text ? "minLength" : collection ? "minItems" : map ? "minProperties" : null;
            String max = text ? "maxLength" : collection ? "maxItems" : map ? "maxProperties" : null;
            if (min != null && size.min() > 0) {
                p.add(min, size.min());
            }
            if (max != null && size.max() < Integer.MAX_VALUE) {
                p.add(max, size.max());
            }
        }
        if (text && (input.has(NotBlank.class) || input.has(NotEmpty.class))) {
            p.add("minLength", Math.max(1, size == null ? 1 : size.min()));
        }
        Pattern pattern = input.annotation(Pattern.class);
        if (pattern != null) {
            p.add("pattern", pattern.regexp());
        }
        Min min = input.annotation(Min.class);
        if (min != null) {
            p.add("minimum", min.value());
        }
        Max max = input.annotation(Max.class);
        if (max != null) {
            p.add("maximum", max.value());
        }
        DecimalMin dmin = input.annotation(DecimalMin.class);
        if (dmin != null) {
            p.add(dmin.inclusive() ? "minimum" : "exclusiveMinimum", new BigDecimal(dmin.value()));
        }
        DecimalMax dmax = input.annotation(DecimalMax.class);
        if (dmax != null) {
            p.add(dmax.inclusive() ? "maximum" : "exclusiveMaximum", new BigDecimal(dmax.value()));
        }
        if (input.has(Positive.class)) {
            p.add("exclusiveMinimum", 0);
        }
        if (input.has(PositiveOrZero.class)) {
            p.add("minimum", 0);
        }
    }

    @SuppressWarnings("unchecked")
    static JsonObject typeSchema(Type type) {
        Class<?> raw = InputType.raw(type);
        JsonObjectBuilder s = Jsons.createObjectBuilder();
        if (raw == String.class) {
            s.add("type", "string");
        } else if (raw == boolean.class || raw == Boolean.class) {
            s.add("type", "boolean");
        } else if (raw == int.class || raw == Integer.class) {
            s.add("type", "integer").add("format", "int32");
        } else if (raw == long.class || raw == Long.class) {
            s.add("type", "integer").add("format", "int64");
        } else if (raw == double.class || raw == Double.class || raw == float.class || raw == Float.class) {
            s.add("type", "number");
        } else if (raw.isEnum()) {
            JsonArrayBuilder values = Jsons.createArrayBuilder();
            for (Object constant : raw.getEnumConstants()) {
                values.add(((Enum<?>) constant).name());
            }
            s.add("type", "string").add("enum", values);
        } else if (InputType.isList(raw)) {
            s.add("type", "array").add("items", typeSchema(InputType.typeArgument(type, 0)));
        } else if (InputType.isMap(raw)) {
            s.add("type", "object").add("additionalProperties", typeSchema(InputType.typeArgument(type, 1)));
        } else if (raw.isRecord()) {
            return of((Class<? extends Record>) raw);
        } else {
            throw new IllegalArgumentException("unsupported input type " + type);
        }
        return s.build();
    }
}
