package org.plinth.apps.astra;

import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObjectBuilder;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.List;
import org.plinth.api.Alias;
import org.plinth.api.DefaultValue;
import org.plinth.api.Jsons;
import org.plinth.api.Unit;

/**
 * The table of human input names and ASTRA mnemonics, read from the input records' annotations
 * so it cannot drift from them: what the ASTRA web API writes as alias_table.txt. Describe shows
 * the same facts per input (x-alias, x-unit); each job also gets the file.
 */
public final class AliasTable {

    public static final String FILE = "alias_table.txt";

    /** One row: input name, mnemonic, unit ("" when none), default as JSON (null when none). */
    public record Row(String input, String mnemonic, String unit, String defaultJson) {
    }

    private AliasTable() {
    }

    public static List<Row> of(Class<? extends Record> inputs) {
        List<Row> rows = new ArrayList<>();
        for (RecordComponent c : inputs.getRecordComponents()) {
            Alias a = c.getAnnotation(Alias.class);
            if (a == null) {
                continue;
            }
            Unit u = c.getAnnotation(Unit.class);
            DefaultValue d = c.getAnnotation(DefaultValue.class);
            rows.add(new Row(c.getName(), a.value(), u == null ? "" : u.value(), d == null ? null : d.value()));
        }
        return rows;
    }

    /** {@code input = Mnemonic [unit]}, one a line, with a header naming the app. */
    public static String text(String app, Class<? extends Record> inputs) {
        StringBuilder out = new StringBuilder("# ").append(app).append(": Plinth input = ASTRA mnemonic [unit]\n");
        for (Row r : of(inputs)) {
            out.append(r.input()).append(" = ").append(r.mnemonic());
            if (!r.unit().isEmpty()) {
                out.append(" [").append(r.unit()).append(']');
            }
            out.append('\n');
        }
        return out.toString();
    }

    public static JsonArray json(Class<? extends Record> inputs) {
        JsonArrayBuilder a = Jsons.createArrayBuilder();
        for (Row r : of(inputs)) {
            JsonObjectBuilder o = Jsons.createObjectBuilder().add("input", r.input()).add("mnemonic", r.mnemonic());
            if (!r.unit().isEmpty()) {
                o.add("unit", r.unit());
            }
            a.add(o);
        }
        return a.build();
    }
}
