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
}
