package org.plinth.jobs.compare;

import jakarta.json.JsonArray;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Many jobs side by side, as the ASTRA web API's {@code /features} shows a sweep: one row per
 * job, one column per chosen input or result field (dotted paths into the job's inputs and its
 * result data, e.g. {@code inputs.phase}, {@code result.finalBeam.emittanceX_mm_mrad}), and
 * optionally only the columns whose values differ between the rows — the knobs of the sweep and
 * what they changed. Works for any app: it reads JSON, nothing app-specific.
 */
public final class JobTable {

    /** One job as the table sees it: its id, name, state, and its inputs and result as JSON. */
    public record Row(String id, String name, String state, JsonObject inputs, JsonObject result) {
    }

    /** The table: column names (id, name and state first) and a value per cell (null when absent). */
    public record Table(List<String> columns, List<List<JsonValue>> rows) {
    }

    static final List<String> FIXED = List.of("id", "name", "state");
    /** A table wider than this is not read by anyone; the caller should name its fields. */
    static final int MAX_COLUMNS = 500;

    private JobTable() {
    }

    /**
     * @param fields  the dotted paths to show; empty: every scalar of the inputs and the result
     * @param varying keep only columns whose values are not all equal
     */
    public static Table of(List<Row> jobs, List<String> fields, boolean varying) {
        return of(jobs, fields, varying, FIXED);
    }

    /**
     * The same with other names for the three fixed columns (a sweep's table: point, folder,
     * state).
     */
    public static Table of(List<Row> jobs, List<String> fields, boolean varying, List<String> fixedNames) {
        List<Map<String, JsonValue>> flat = new ArrayList<>();
        Set<String> all = new LinkedHashSet<>();
        for (Row job : jobs) {
            Map<String, JsonValue> cells = new LinkedHashMap<>();
            flatten("inputs", job.inputs(), cells);
            flatten("result", job.result(), cells);
            flat.add(cells);
            all.addAll(cells.keySet());
        }
        List<String> columns = new ArrayList<>(fields.isEmpty() ? all : fields);
        if (varying) {
            columns.removeIf(c -> flat.stream().map(cells -> cells.get(c)).distinct().count() <= 1);
        }
        if (columns.size() > MAX_COLUMNS) {
            columns = columns.subList(0, MAX_COLUMNS);
        }
        List<String> header = new ArrayList<>(fixedNames);
        header.addAll(columns);
        List<List<JsonValue>> rows = new ArrayList<>();
        for (int i = 0; i < jobs.size(); i++) {
            Row job = jobs.get(i);
            List<JsonValue> row = new ArrayList<>();
            row.add(text(job.id()));
            row.add(job.name() == null ? JsonValue.NULL : text(job.name()));
            row.add(text(job.state()));
            for (String c : columns) {
                row.add(Objects.requireNonNullElse(flat.get(i).get(c), JsonValue.NULL));
            }
            rows.add(row);
        }
        return new Table(header, rows);
    }

    private static void flatten(String prefix, JsonValue value, Map<String, JsonValue> into) {
        if (value == null) {
            return;
        }
        switch (value.getValueType()) {
            case OBJECT -> value.asJsonObject().forEach((k, v) -> flatten(prefix + "." + k, v, into));
            case ARRAY -> {
                JsonArray a = value.asJsonArray();
                // short lists of scalars (apertures, tags) are cells; long ones (tables) are not
                if (a.size() <= 8 && a.stream().allMatch(JobTable::scalar)) {
                    into.put(prefix, a);
                }
            }
            default -> into.put(prefix, value);
        }
    }

    private static boolean scalar(JsonValue v) {
        return v instanceof JsonNumber || v instanceof JsonString || v == JsonValue.TRUE || v == JsonValue.FALSE
                || v == JsonValue.NULL;
    }

    private static JsonValue text(String s) {
        return org.plinth.api.Jsons.PROVIDER.createValue(s);
    }

    /** The table as CSV (RFC 4180 quoting), for a spreadsheet or pandas. */
    public static String csv(Table table) {
        StringBuilder out = new StringBuilder();
        out.append(String.join(",", table.columns().stream().map(JobTable::quote).toList())).append("\r\n");
        for (List<JsonValue> row : table.rows()) {
            List<String> cells = new ArrayList<>();
            for (JsonValue v : row) {
                cells.add(v == JsonValue.NULL ? "" : v instanceof JsonString s ? quote(s.getString()) : quote(v.toString()));
            }
            out.append(String.join(",", cells)).append("\r\n");
        }
        return out.toString();
    }

    private static String quote(String s) {
        return s.contains(",") || s.contains("\"") || s.contains("\n") || s.contains("\r")
                ? "\"" + s.replace("\"", "\"\"") + "\"" : s;
    }
}
