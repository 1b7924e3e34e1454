package org.plinth.apps.sourcefinder;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A catalogue in SExtractor's ASCII_HEAD form: header lines {@code #  N NAME description [unit]}
 * naming the first column of each parameter, then one row of numbers per source. A vector
 * parameter such as {@code FLUX_APER(3)} has one header line and spans columns up to the next.
 *
 * @param columns the parameters in order
 * @param rows    the values, one array per source, as many as the columns add up to
 */
public record AsciiHeadCatalogue(List<Column> columns, List<double[]> rows) {

    /**
     * @param name        SExtractor's parameter name ({@code XWIN_IMAGE})
     * @param description its description
     * @param unit        its unit, or null
     * @param first       0-based index of its first value in a row
     * @param width       how many values it has (1 but for vectors)
     */
    public record Column(String name, String description, String unit, int first, int width) {
    }

    private static final Pattern HEADER = Pattern.compile("^#\\s+(\\d+)\\s+(\\S+)\\s*(.*?)\\s*(?:\\[([^\\]]*)\\])?\\s*$");

    public AsciiHeadCatalogue {
        columns = List.copyOf(columns);
        rows = List.copyOf(rows);
    }

    public static AsciiHeadCatalogue parse(Reader in) throws IOException {
        List<String[]> headers = new ArrayList<>(); // index, name, description, unit
        List<double[]> rows = new ArrayList<>();
        BufferedReader reader = new BufferedReader(in);
        int lineNo = 0;
        int rowWidth = -1;
        for (String line; (line = reader.readLine()) != null; ) {
            lineNo++;
            if (line.isBlank()) {
                continue;
            }
            if (line.startsWith("#")) {
                Matcher m = HEADER.matcher(line);
                if (!m.matches()) {
                    throw new IOException("line " + lineNo + ": not a column header: " + line);
                }
                headers.add(new String[] {m.group(1), m.group(2), m.group(3), m.group(4)});
                continue;
            }
            String[] tokens = line.trim().split("\\s+");
            if (rowWidth < 0) {
                rowWidth = tokens.length;
            } else if (tokens.length != rowWidth) {
                throw new IOException("line " + lineNo + ": " + tokens.length + " values where the rows before had " + rowWidth);
            }
            double[] row = new double[tokens.length];
            for (int i = 0; i < tokens.length; i++) {
                row[i] = number(tokens[i], lineNo);
            }
            rows.add(row);
        }
        List<Column> columns = new ArrayList<>(headers.size());
        for (int i = 0; i < headers.size(); i++) {
            String[] h = headers.get(i);
            int first = Integer.parseInt(h[0]) - 1;
            int next = i + 1 < headers.size() ? Integer.parseInt(headers.get(i + 1)[0]) - 1
                    : rowWidth >= 0 ? rowWidth : first + 1;
            if (next <= first) {
                throw new IOException("column " + h[1] + ": header indexes out of order");
            }
            columns.add(new Column(h[1], h[2], h[3] == null || h[3].isEmpty() ? null : h[3], first, next - first));
        }
        int width = columns.isEmpty() ? 0 : columns.get(columns.size() - 1).first() + columns.get(columns.size() - 1).width();
        if (rowWidth >= 0 && rowWidth != width) {
            throw new IOException("rows have " + rowWidth + " values but the header describes " + width);
        }
        return new AsciiHeadCatalogue(columns, rows);
    }

    /** SExtractor writes C's spellings of the special values. */
    private static double number(String token, int lineNo) throws IOException {
        switch (token.toLowerCase(java.util.Locale.ROOT)) {
            case "nan", "-nan" -> {
                return Double.NaN;
            }
            case "inf", "+inf" -> {
                return Double.POSITIVE_INFINITY;
            }
            case "-inf" -> {
                return Double.NEGATIVE_INFINITY;
            }
            default -> {
                try {
                    return Double.parseDouble(token);
                } catch (NumberFormatException e) {
                    throw new IOException("line " + lineNo + ": not a number: " + token);
                }
            }
        }
    }

    public Optional<Column> column(String name) {
        return columns.stream().filter(c -> c.name().equals(name)).findFirst();
    }

    /** Columns by name, for a quick look-up. */
    public Map<String, Column> byName() {
        Map<String, Column> m = new LinkedHashMap<>();
        columns.forEach(c -> m.put(c.name(), c));
        return m;
    }

    /** The single value of {@code name} in {@code row}, NaN when the catalogue lacks it. */
    public double value(double[] row, String name) {
        return column(name).map(c -> row[c.first()]).orElse(Double.NaN);
    }

    /** All values of a vector parameter in {@code row}, empty when the catalogue lacks it. */
    public double[] vector(double[] row, String name) {
        return column(name).map(c -> Arrays.copyOfRange(row, c.first(), c.first() + c.width())).orElse(new double[0]);
    }
}
