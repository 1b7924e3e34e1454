package org.plinth.apps.astra;

/**
 * Numbers as Fortran writes them: {@code D} exponents, and the exponent letter a formatted
 * write drops when the exponent needs three digits ({@code 0.1234-100}). A field of asterisks
 * (a value too wide for its format) reads as NaN rather than failing the whole table.
 */
final class FortranNumbers {

    private FortranNumbers() {
    }

    static double parse(String s) {
        if (s.startsWith("*")) {
            return Double.NaN;
        }
        String t = s.replace('D', 'E').replace('d', 'e');
        try {
            return Double.parseDouble(t);
        } catch (NumberFormatException e) {
            // 1.2345-100: the sign of a three-digit exponent with its E dropped
            for (int i = t.length() - 1; i > 0; i--) {
                char c = t.charAt(i);
                if ((c == '-' || c == '+') && Character.isDigit(t.charAt(i - 1))) {
                    return Double.parseDouble(t.substring(0, i) + "E" + t.substring(i));
                }
            }
            throw e;
        }
    }

    /**
     * Appends {@code v} as {@code String.format("%<width>.<digits>E", v)} does (ASTRA's
     * {@code 1PE12.4} and {@code 1PE20.12}: one digit before the point, at least two exponent
     * digits, right-aligned), at a fraction of its cost: a restored particle file has millions.
     * Like Formatter, it rounds the shortest decimal of the double half up.
     */
    static void formatE(StringBuilder out, double v, int width, int digits) {
        int start = out.length();
        boolean negative = v < 0 || (v == 0 && 1 / v < 0);
        double a = Math.abs(v);
        char[] d = new char[digits + 1];
        int exponent = 0;
        if (a == 0) {
            java.util.Arrays.fill(d, '0');
        } else if (Double.isNaN(a) || Double.isInfinite(a)) {
            String s = Double.isNaN(a) ? "NaN" : "Infinity";
            for (int k = s.length() + (negative && !Double.isNaN(a) ? 1 : 0); k < width; k++) {
                out.append(' ');
            }
            out.append(negative && !Double.isNaN(a) ? "-" : "").append(s);
            return;
        } else {
            String s = Double.toString(a); // the shortest digits: "123.45", "1.2345E-5"
            int e = s.indexOf('E');
            String mantissa = e < 0 ? s : s.substring(0, e);
            int power = e < 0 ? 0 : Integer.parseInt(s.substring(e + 1));
            int dot = mantissa.indexOf('.');
            String all = mantissa.substring(0, dot) + mantissa.substring(dot + 1);
            int point = dot + power; // value = 0.<all> × 10^point
            int lead = 0;
            while (lead < all.length() - 1 && all.charAt(lead) == '0') {
                lead++;
            }
            all = all.substring(lead);
            point -= lead;
            for (int k = 0; k <= digits; k++) {
                d[k] = k < all.length() ? all.charAt(k) : '0';
            }
            exponent = point - 1;
            if (all.length() > digits + 1 && all.charAt(digits + 1) >= '5') {
                int k = digits;
                while (k >= 0 && d[k] == '9') {
                    d[k] = '0';
                    k--;
                }
                if (k >= 0) {
                    d[k]++;
                } else {
                    d[0] = '1'; // 9.99…→10.0…: one more power of ten
                    exponent++;
                }
            }
        }
        out.append(negative ? "-" : "").append(d[0]);
        if (digits > 0) {
            out.append('.').append(d, 1, digits);
        }
        out.append('E').append(exponent < 0 ? '-' : '+');
        int abs = Math.abs(exponent);
        if (abs < 10) {
            out.append('0');
        }
        out.append(abs);
        int pad = width - (out.length() - start);
        if (pad > 0) {
            out.insert(start, " ".repeat(pad));
        }
    }
}
