package org.dcganstudio.app.train;

/** Decimals as people type them: {@code 2e-4} and {@code 0.5}, not Java's {@code 2.0E-4}. */
final class DecimalText {

    private DecimalText() {}

    /** The shortest text that reads back as {@code v}, with a lower-case exponent and no ".0" before it. */
    static String of(float v) {
        String s = Float.toString(v);
        int e = s.indexOf('E');
        if (e < 0) {
            return s;
        }
        String mantissa = s.substring(0, e);
        if (mantissa.endsWith(".0")) {
            mantissa = mantissa.substring(0, mantissa.length() - 2);
        }
        return mantissa + "e" + s.substring(e + 1);
    }
}
