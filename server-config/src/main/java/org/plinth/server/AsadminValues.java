package org.plinth.server;

import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Escaping of values written into an asadmin multimode command file.
 *
 * <p>Two parsers see each value: the multimode reader tokenises the line like a shell (one
 * backslash is removed, double quotes group words), then commands taking a {@code name=value:name=value}
 * list (create-system-properties, --property of create-jdbc-connection-pool) split on ':' and '='
 * unless they are backslash-escaped. So inside a double-quoted operand ':' becomes {@code \\:},
 * '=' becomes {@code \\=} and a backslash becomes four backslashes. Measured on Payara 6.2025.9.
 * Quotes and line breaks cannot be carried through both parsers reliably, so they are refused.
 */
public final class AsadminValues {

    private static final Pattern PROPERTY_NAME = Pattern.compile("[A-Za-z0-9_.\\-]+");

    private AsadminValues() {
    }

    /** Escapes one value for a {@code name=value} list inside a double-quoted multimode operand. */
    public static String escapeValue(String value) {
        if (value.indexOf('"') >= 0 || value.indexOf('\'') >= 0 || value.indexOf('\n') >= 0
                || value.indexOf('\r') >= 0) {
            throw new IllegalArgumentException(
                    "asadmin values cannot contain quotes or line breaks: " + redact(value));
        }
        StringBuilder out = new StringBuilder(value.length() + 8);
        for (char c : value.toCharArray()) {
            switch (c) {
                case '\\' -> out.append("\\\\\\\\");
                case ':' -> out.append("\\\\:");
                case '=' -> out.append("\\\\=");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    /** Checks a property name: names are never escaped, so only safe characters are allowed. */
    public static String checkName(String name) {
        if (!PROPERTY_NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("Unsupported property name for asadmin: '" + name + "'");
        }
        return name;
    }

    /**
     * Builds the {@code a=1:b=2} operand (without the surrounding quotes) for
     * create-system-properties or a connection pool's --property, in the map's iteration order.
     */
    public static String propertyList(Map<String, String> properties) {
        if (properties.isEmpty()) {
            throw new IllegalArgumentException("asadmin property lists cannot be empty");
        }
        return properties.entrySet().stream()
                .map(e -> checkName(e.getKey()) + "=" + escapeValue(e.getValue()))
                .collect(Collectors.joining(":"));
    }

    private static String redact(String value) {
        return value.length() <= 4 ? "****" : value.substring(0, 2) + "…(" + value.length() + " chars)";
    }
}
