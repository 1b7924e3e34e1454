package org.plinth.apps.astra;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Reads Fortran namelist files as ASTRA reads them, and as people write them: case-insensitive
 * names, {@code !} comments, {@code KEY(i)=} array elements, several assignments per line
 * separated by commas or blanks, trailing commas, {@code D} exponents, the logicals {@code T},
 * {@code .T.}, {@code True} …, quoted or bare strings ({@code Dist_z=g}). A group whose closing
 * {@code /} is missing ends where the next {@code &} group (or the file) begins: one genuine
 * input (lume-astra's tws example) relies on that and ASTRA reads it. Text outside groups is
 * skipped, as Fortran skips it.
 */
public final class NamelistParser {

    private static final Pattern LOGICAL = Pattern.compile("(?i)\\.?(t|f|true|false)\\.?");
    private static final Pattern INTEGER = Pattern.compile("[+-]?\\d+");
    private static final Pattern REAL = Pattern.compile("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eEdD][+-]?\\d+)?");

    private final String text;
    private int pos;
    private int line = 1;

    private NamelistParser(String text) {
        this.text = text;
    }

    public static NamelistFile parse(String text) throws NamelistException {
        return new NamelistParser(text).file();
    }

    /** A bare or quoted value as Fortran would type it. */
    static Object value(String bare) {
        if (LOGICAL.matcher(bare).matches()) {
            String v = bare.replace(".", "");
            return Character.toLowerCase(v.charAt(0)) == 't';
        }
        if (INTEGER.matcher(bare).matches()) {
            try {
                return Long.parseLong(bare.startsWith("+") ? bare.substring(1) : bare);
            } catch (NumberFormatException e) {
                return Double.parseDouble(bare);
            }
        }
        if (REAL.matcher(bare).matches()) {
            return Double.parseDouble(bare.replace('d', 'e').replace('D', 'E'));
        }
        return bare;
    }

    private NamelistFile file() throws NamelistException {
        List<Namelist> groups = new ArrayList<>();
        while (skipBlanksAndComments(false)) {
            if (peek() != '&' && peek() != '$') {
                skipLine(); // Fortran skips anything between groups
                continue;
            }
            pos++;
            String name = identifier();
            if (name.isEmpty() || name.equalsIgnoreCase("end")) {
                continue; // a stray terminator
            }
            Namelist group = new Namelist(name);
            groups.add(group);
            body(group);
        }
        return new NamelistFile(groups);
    }

    private void body(Namelist group) throws NamelistException {
        while (skipBlanksAndComments(true)) {
            char c = peek();
            if (c == '/') {
                pos++;
                return;
            }
            if (c == '&' || c == '$') {
                int mark = pos;
                pos++;
                String word = identifier();
                if (word.equalsIgnoreCase("end")) {
                    return;
                }
                pos = mark; // the next group begins: this one had no closing '/'
                return;
            }
            assignment(group);
        }
    }

    private void assignment(Namelist group) throws NamelistException {
        int at = line;
        String name = identifier();
        if (name.isEmpty()) {
            throw new NamelistException(at, "expected a variable name in &" + group.name() + ", found '" + rest() + "'");
        }
        Integer index = null;
        skipSpaces();
        if (peek() == '(') {
            int close = text.indexOf(')', pos);
            if (close < 0) {
                throw new NamelistException(at, "unclosed '(' after " + name);
            }
            String inside = text.substring(pos + 1, close).strip();
            try {
                index = Integer.parseInt(inside);
            } catch (NumberFormatException e) {
                throw new NamelistException(at, name + "(" + inside + "): the index must be a whole number");
            }
            pos = close + 1;
            skipSpaces();
        }
        if (peek() != '=') {
            throw new NamelistException(at, "expected '=' after " + name + " in &" + group.name());
        }
        pos++;
        skipSpaces();
        List<Object> values = new ArrayList<>();
        values.add(readValue(name, at));
        // KEY = v1, v2 … fills KEY(1), KEY(2) …, as list-directed input does
        while (true) {
            int mark = pos;
            int markLine = line;
            skipSeparatorsOnLine();
            if (pos >= text.length() || "/&$!\n\r".indexOf(peek()) >= 0 || startsAssignment()) {
                pos = mark;
                line = markLine;
                break;
            }
            values.add(readValue(name, at));
        }
        if (values.size() == 1) {
            group.set(new Assignment(name, index, values.get(0)));
        } else {
            int first = index == null ? 1 : index;
            for (int i = 0; i < values.size(); i++) {
                group.set(new Assignment(name, first + i, values.get(i)));
            }
        }
    }

    private Object readValue(String name, int at) throws NamelistException {
        if (pos >= text.length()) {
            throw new NamelistException(at, name + " has no value");
        }
        char c = peek();
        if (c == '\'' || c == '"') {
            StringBuilder s = new StringBuilder();
            pos++;
            while (true) {
                if (pos >= text.length() || peek() == '\n') {
                    throw new NamelistException(at, "unclosed string in the value of " + name);
                }
                char d = text.charAt(pos++);
                if (d == c) {
                    if (pos < text.length() && peek() == c) { // '' inside '…' is one quote
                        s.append(c);
                        pos++;
                        continue;
                    }
                    return s.toString();
                }
                s.append(d);
            }
        }
        int start = pos;
        while (pos < text.length() && !Character.isWhitespace(peek()) && peek() != ',' && peek() != '!') {
            pos++;
        }
        String bare = text.substring(start, pos);
        // "LBfield=T/" ends the group right after the value; a path "dir/file" keeps its slash
        if (bare.length() > 1 && bare.endsWith("/")) {
            pos--;
            bare = bare.substring(0, bare.length() - 1);
        }
        if (bare.isEmpty()) {
            throw new NamelistException(at, name + " has no value");
        }
        return value(bare);
    }

    /** Whether an identifier followed by '=' or '(' starts here. */
    private boolean startsAssignment() {
        int p = pos;
        if (p >= text.length() || !(Character.isLetter(text.charAt(p)) || text.charAt(p) == '_')) {
            return false;
        }
        while (p < text.length() && (Character.isLetterOrDigit(text.charAt(p)) || text.charAt(p) == '_')) {
            p++;
        }
        while (p < text.length() && (text.charAt(p) == ' ' || text.charAt(p) == '\t')) {
            p++;
        }
        return p < text.length() && (text.charAt(p) == '=' || text.charAt(p) == '(');
    }

    private String identifier() {
        int start = pos;
        while (pos < text.length() && (Character.isLetterOrDigit(peek()) || peek() == '_')) {
            pos++;
        }
        return text.substring(start, pos);
    }

    /** Skips blanks, commas (inside a group) and comments; false at the end of the text. */
    private boolean skipBlanksAndComments(boolean commas) {
        while (pos < text.length()) {
            char c = peek();
            if (c == '\n') {
                line++;
                pos++;
            } else if (Character.isWhitespace(c) || (commas && c == ',')) {
                pos++;
            } else if (c == '!') {
                skipLine();
            } else {
                return true;
            }
        }
        return false;
    }

    private void skipSeparatorsOnLine() {
        while (pos < text.length() && (peek() == ' ' || peek() == '\t' || peek() == ',')) {
            pos++;
        }
    }

    private void skipSpaces() {
        while (pos < text.length() && (peek() == ' ' || peek() == '\t')) {
            pos++;
        }
    }

    private void skipLine() {
        while (pos < text.length() && peek() != '\n') {
            pos++;
        }
    }

    private char peek() {
        return text.charAt(pos);
    }

    private String rest() {
        int end = text.indexOf('\n', pos);
        return text.substring(pos, end < 0 ? text.length() : end).strip();
    }
}
