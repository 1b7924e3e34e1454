package org.plinth.server;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An asadmin command file with {@code @NAME@} placeholders (the syntax Maven resource filtering
 * and sed users both know, and one that asadmin itself never uses).
 *
 * <p>Substitution is strict both ways: a placeholder without a value and a value without a
 * placeholder are errors, so the script and the launcher cannot drift apart silently.
 */
public record ScriptTemplate(String text) {

    private static final Pattern PLACEHOLDER = Pattern.compile("@([A-Z][A-Z0-9_]*)@");

    /** The configure script shipped in this jar (a copy of server-config/asadmin/configure-domain.asadmin). */
    public static ScriptTemplate configureDomain() {
        return fromResource("asadmin/configure-domain.asadmin");
    }

    static ScriptTemplate fromResource(String name) {
        try (InputStream in = ScriptTemplate.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("Missing resource " + name + " next to " + ScriptTemplate.class);
            }
            return new ScriptTemplate(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Placeholder names used outside comment lines. */
    public Set<String> placeholders() {
        Set<String> names = new TreeSet<>();
        for (String line : text.split("\n", -1)) {
            if (isComment(line)) {
                continue;
            }
            Matcher m = PLACEHOLDER.matcher(line);
            while (m.find()) {
                names.add(m.group(1));
            }
        }
        return names;
    }

    /**
     * Replaces every placeholder outside comments with its value, verbatim (escape values with
     * {@link AsadminValues} first where the script's context needs it).
     */
    public String render(Map<String, String> values) {
        Set<String> missing = new TreeSet<>(placeholders());
        missing.removeAll(values.keySet());
        if (!missing.isEmpty()) {
            throw new IllegalArgumentException("No value for placeholder(s) " + missing);
        }
        Set<String> unused = new TreeSet<>(values.keySet());
        unused.removeAll(placeholders());
        if (!unused.isEmpty()) {
            throw new IllegalArgumentException("Script has no placeholder(s) " + unused);
        }
        StringBuilder out = new StringBuilder(text.length() + 256);
        for (String line : text.split("\n", -1)) {
            if (out.length() > 0) {
                out.append('\n');
            }
            if (isComment(line)) {
                out.append(line);
                continue;
            }
            Matcher m = PLACEHOLDER.matcher(line);
            StringBuilder replaced = new StringBuilder();
            while (m.find()) {
                m.appendReplacement(replaced, Matcher.quoteReplacement(values.get(m.group(1))));
            }
            m.appendTail(replaced);
            out.append(replaced);
        }
        return out.toString();
    }

    private static boolean isComment(String line) {
        return line.stripLeading().startsWith("#");
    }
}
