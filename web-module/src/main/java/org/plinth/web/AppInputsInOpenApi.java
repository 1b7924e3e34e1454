package org.plinth.web;

import jakarta.enterprise.inject.spi.CDI;
import jakarta.json.JsonArray;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.plinth.api.App;
import org.plinth.apps.AppRegistry;
import org.plinth.apps.InputSchema;

/**
 * Puts every app's inputs into the OpenAPI document as a component schema
 * ({@code <appId>-inputs}), converted from the same JSON Schema that describe shows, so the
 * OpenAPI description, the describe answer and the request validation come from one record.
 * Registered with {@code mp.openapi.filter}.
 */
public class AppInputsInOpenApi implements OASFilter {

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        AppRegistry apps;
        try {
            apps = CDI.current().select(AppRegistry.class).get();
        } catch (RuntimeException e) {
            return; // not in a CDI context (document built at deploy time): nothing to add
        }
        if (openAPI.getComponents() == null) {
            openAPI.setComponents(OASFactory.createComponents());
        }
        // the document is built once: an admin's run-time switch does not rewrite it, configuration does
        for (App<?> app : apps.all().stream().filter(apps::enabledByConfig).toList()) {
            Schema schema = convert(InputSchema.of(app.inputType()));
            schema.setDescription("Inputs of the app '" + app.info().id() + "': " + app.info().title());
            openAPI.getComponents().addSchema(app.info().id() + "-inputs", schema);
        }
    }

    static Schema convert(JsonObject json) {
        Schema s = OASFactory.createSchema();
        for (Map.Entry<String, JsonValue> e : json.entrySet()) {
            JsonValue v = e.getValue();
            switch (e.getKey()) {
                case "type" -> s.setType(Schema.SchemaType.valueOf(((JsonString) v).getString().toUpperCase()));
                case "format" -> s.setFormat(((JsonString) v).getString());
                case "description" -> s.setDescription(((JsonString) v).getString());
                case "pattern" -> s.setPattern(((JsonString) v).getString());
                case "minimum" -> s.setMinimum(number(v));
                case "maximum" -> s.setMaximum(number(v));
                case "exclusiveMinimum" -> {
                    s.setMinimum(number(v));
                    s.setExclusiveMinimum(true);
                }
                case "exclusiveMaximum" -> {
                    s.setMaximum(number(v));
                    s.setExclusiveMaximum(true);
                }
                case "minLength" -> s.setMinLength(((JsonNumber) v).intValue());
                case "maxLength" -> s.setMaxLength(((JsonNumber) v).intValue());
                case "minItems" -> s.setMinItems(((JsonNumber) v).intValue());
                case "maxItems" -> s.setMaxItems(((JsonNumber) v).intValue());
                case "minProperties" -> s.setMinProperties(((JsonNumber) v).intValue());
                case "maxProperties" -> s.setMaxProperties(((JsonNumber) v).intValue());
                case "enum" -> s.setEnumeration(plain((JsonArray) v));
                case "default" -> s.setDefaultValue(plain(v));
                case "items" -> s.setItems(convert(v.asJsonObject()));
                case "properties" -> v.asJsonObject().forEach((name, p) -> s.addProperty(name, convert(p.asJsonObject())));
                case "required" -> s.setRequired(((JsonArray) v).getValuesAs(JsonString.class).stream().map(JsonString::getString).toList());
                case "additionalProperties" -> {
                    if (v.getValueType() == JsonValue.ValueType.OBJECT) {
                        s.setAdditionalPropertiesSchema(convert(v.asJsonObject()));
                    } else {
                        s.setAdditionalPropertiesBoolean(v.getValueType() == JsonValue.ValueType.TRUE);
                    }
                }
                default -> s.addExtension(e.getKey().startsWith("x-") ? e.getKey() : "x-" + e.getKey(), plain(v));
            }
        }
        return s;
    }

    private static BigDecimal number(JsonValue v) {
        return ((JsonNumber) v).bigDecimalValue();
    }

    private static List<Object> plain(JsonArray array) {
        List<Object> list = new ArrayList<>();
        array.forEach(v -> list.add(plain(v)));
        return list;
    }

    private static Object plain(JsonValue v) {
        return switch (v.getValueType()) {
            case STRING -> ((JsonString) v).getString();
            case NUMBER -> ((JsonNumber) v).bigDecimalValue();
            case TRUE -> true;
            case FALSE -> false;
            case NULL -> null;
            case ARRAY -> plain((JsonArray) v);
            case OBJECT -> {
                Map<String, Object> map = new java.util.LinkedHashMap<>();
                v.asJsonObject().forEach((k, x) -> map.put(k, plain(x)));
                yield map;
            }
        };
    }
}
