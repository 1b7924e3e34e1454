package org.plinth.apps.sourcefinder;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Writes a SExtractor configuration file: the distribution's {@code default.sex} with the
 * chosen keywords' values replaced in place (its comments explain each one to whoever reads the
 * job's outputs), and keywords it lacks appended.
 */
public final class SexFile {

    // KEYWORD, blanks, value, then an optional comment
    private static final Pattern SETTING = Pattern.compile("^([A-Z][A-Z0-9_]*)(\\s+)([^#]*?)(\\s*)(#.*)?$");

    private SexFile() {
    }

    public static String render(List<String> template, Map<String, String> settings) {
        Map<String, String> left = new LinkedHashMap<>(settings);
        List<String> out = new ArrayList<>(template.size() + settings.size() + 2);
        for (String line : template) {
            Matcher m = SETTING.matcher(line);
            if (m.matches() && left.containsKey(m.group(1))) {
                String value = left.remove(m.group(1));
                String comment = m.group(5) == null ? "" : "  " + m.group(5);
                out.add(pad(m.group(1), 16) + " " + value + comment);
            } else if (m.matches() && settings.containsKey(m.group(1))) {
                out.add("# " + line + "  (set above)"); // a repeated keyword would override ours
            } else {
                out.add(line);
            }
        }
        if (!left.isEmpty()) {
            out.add("");
            out.add("#------------------------------ Set by Plinth --------------------------------");
            left.forEach((k, v) -> out.add(pad(k, 16) + " " + v));
        }
        return String.join("\n", out) + "\n";
    }

    private static String pad(String s, int width) {
        return s.length() >= width ? s : s + " ".repeat(width - s.length());
    }
}
