package org.plinth.apps.hyphy;

import jakarta.json.JsonArray;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.util.ArrayList;
import java.util.List;

/**
 * The per-site table of a site method's JSON: {@code MLE.headers} names the columns,
 * {@code MLE.content[partition]} has one row per site, and {@code data partitions[p].coverage}
 * maps a row to its codon in the alignment (0-based; reported 1-based, as HyPhy prints it).
 */
final class SiteTable {

    /** One row: its codon (1-based), its partition (1-based) and its values by column. */
    record Site(int codon, int partition, double[] values) {
    }

    private final List<String> columns;
    private final List<Site> sites;

    private SiteTable(List<String> columns, List<Site> sites) {
        this.columns = columns;
        this.sites = sites;
    }

    static SiteTable of(JsonObject json) {
        JsonObject mle = json.getJsonObject("MLE");
        return of(json, mle.getJsonArray("headers"), mle.getJsonObject("content"));
    }

    /** For SLAC, whose rows sit one level deeper ({@code content[p]["by-site"].RESOLVED}). */
    static SiteTable of(JsonObject json, JsonArray headers, JsonObject content) {
        List<String> columns = headers.stream().map(h -> h.asJsonArray().getString(0)).toList();
        List<Site> sites = new ArrayList<>();
        JsonObject partitions = json.getJsonObject("data partitions");
        for (String p : content.keySet()) {
            JsonArray rows = content.get(p) instanceof JsonArray a ? a : null;
            if (rows == null) {
                continue;
            }
            JsonArray coverage = partitions == null || !partitions.containsKey(p) ? null
                    : partitions.getJsonObject(p).getJsonArray("coverage").getJsonArray(0);
            for (int i = 0; i < rows.size(); i++) {
                int codon = coverage == null ? i + 1 : coverage.getInt(i) + 1;
                sites.add(new Site(codon, Integer.parseInt(p) + 1, numbers(rows.getJsonArray(i))));
            }
        }
        return new SiteTable(columns, List.copyOf(sites));
    }

    static double[] numbers(JsonArray row) {
        double[] values = new double[row.size()];
        for (int i = 0; i < values.length; i++) {
            JsonValue v = row.get(i);
            // HyPhy writes null for a ratio it could not compute (0/0 at an invariant site)
            values[i] = v instanceof JsonNumber n ? n.doubleValue() : Double.NaN;
        }
        return values;
    }

    int column(String name) {
        int i = columns.indexOf(name);
        if (i < 0) {
            throw new IllegalStateException("HyPhy's table has no column '" + name + "'; it has " + columns);
        }
        return i;
    }

    List<Site> sites() {
        return sites;
    }
}
