package org.plinth.jobs;

import org.plinth.api.Jsons;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.util.List;

/** JSON kept as text in the job row, parsed back when read. */
public final class JsonText {

    private JsonText() {
    }

    public static String array(List<String> values) {
        return Jsons.createArrayBuilder(values == null ? List.of() : values).build().toString();
    }

    public static JsonArray parseArray(String text) {
        try (var reader = Jsons.createReader(new StringReader(text == null ? "[]" : text))) {
            return reader.readArray();
        }
    }

    public static JsonObject parseObject(String text) {
        try (var reader = Jsons.createReader(new StringReader(text == null ? "{}" : text))) {
            return reader.readObject();
        }
    }
}
