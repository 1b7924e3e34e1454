package org.plinth.apps.astra;

import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.plinth.api.Jsons;

/**
 * One of ASTRA's tables along z, column by column. Columns beyond the known ones (a newer ASTRA)
 * are kept as {@code column_<n>}; a logical column (T/F, as in Cathode files) reads as 1/0.
 */
public record AstraTable(TableKind kind, List<TableKind.TableColumn> columns, double[][] values) {

    public int rows() {
        return values.length == 0 ? 0 : values[0].length;
    }

    public double[] column(String name) {
        for (int i = 0; i < columns.size(); i++) {
            if (columns.get(i).name().equals(name)) {
                return values[i];
            }
        }
        throw new IllegalArgumentException(kind + " has no column " + name);
    }

    /** The value of a column in the last row: the beam at the end of the run. */
    public double last(String name) {
        double[] c = column(name);
        return c[c.length - 1];
    }

    public static AstraTable read(TableKind kind, Path file) throws IOException {
        try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.ISO_8859_1)) {
            return read(kind, r, file.getFileName().toString());
        }
    }

    public static AstraTable read(TableKind kind, BufferedReader r, String name) throws IOException {
        List<double[]> rows = new ArrayList<>();
        int width = -1;
        String line;
        int lineNumber = 0;
        while ((line = r.readLine()) != null) {
            lineNumber++;
            String t = line.strip();
            if (t.isEmpty()) {
                continue;
            }
            String[] f = t.split("\\s+");
            if (width < 0) {
                width = f.length;
            } else if (f.length != width) {
                throw new IOException(name + " line " + lineNumber + ": " + f.length + " columns, the first line had " + width);
            }
            double[] row = new double[f.length];
            for (int i = 0; i < f.length; i++) {
                row[i] = cell(f[i], name, lineNumber);
            }
            rows.add(row);
        }
        width = Math.max(width, 0);
        List<TableKind.TableColumn> columns = new ArrayList<>();
        for (int i = 0; i < width; i++) {
            columns.add(i < kind.columns().size() ? kind.columns().get(i) : new TableKind.TableColumn("column_" + (i + 1), ""));
        }
        double[][] values = new double[width][rows.size()];
        for (int j = 0; j < rows.size(); j++) {
            for (int i = 0; i < width; i++) {
                values[i][j] = rows.get(j)[i];
            }
        }
        return new AstraTable(kind, List.copyOf(columns), values);
    }

    private static double cell(String s, String name, int line) throws IOException {
        if (s.equals("T")) {
            return 1;
        }
        if (s.equals("F")) {
            return 0;
        }
        try {
            return FortranNumbers.parse(s);
        } catch (NumberFormatException e) {
            throw new IOException(name + " line " + line + ": not a number: " + s);
        }
    }

    /** {@code {"columns": [{name, unit}], "rows": n, "data": {name: [...]}}}: arrays along z for plotting. */
    public JsonObject toJson() {
        JsonArrayBuilder cols = Jsons.createArrayBuilder();
        JsonObjectBuilder data = Jsons.createObjectBuilder();
        for (int i = 0; i < columns.size(); i++) {
            cols.add(Jsons.createObjectBuilder().add("name", columns.get(i).name()).add("unit", columns.get(i).unit()));
            JsonArrayBuilder a = Jsons.createArrayBuilder();
            for (double v : values[i]) {
                if (Double.isFinite(v)) {
                    a.add(v);
                } else {
                    a.addNull(); // JSON has no NaN; a null keeps the rows aligned
                }
            }
            data.add(columns.get(i).name(), a);
        }
        return Jsons.createObjectBuilder().add("columns", cols).add("rows", rows()).add("data", data).build();
    }

    /** CSV with a header {@code name [unit]}; numbers in Java's round-tripping form. */
    public void writeCsv(Writer w) throws IOException {
        List<String> header = new ArrayList<>();
        for (TableKind.TableColumn c : columns) {
            header.add(c.unit().isEmpty() ? c.name() : c.name() + " [" + c.unit() + "]");
        }
        w.write(String.join(",", header));
        w.write("\n");
        StringBuilder line = new StringBuilder();
        for (int j = 0; j < rows(); j++) {
            line.setLength(0);
            for (int i = 0; i < columns.size(); i++) {
                if (i > 0) {
                    line.append(',');
                }
                double v = values[i][j];
                line.append(Double.isFinite(v) ? Double.toString(v) : "");
            }
            w.write(line.append('\n').toString());
        }
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "%s (%d rows × %d columns)", kind.suffix(), rows(), columns.size());
    }
}
