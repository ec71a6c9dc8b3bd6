package org.dcganstudio.core.io;

import com.google.gson.JsonElement;
import java.math.BigDecimal;

/**
 * Whole numbers read from JSON without Gson's silent narrowing (one JSON element; {@link JsonFields}
 * reads an object's fields with it): {@code getAsInt} turns
 * 4294967312 into 16 and 1e30 into {@code Integer.MAX_VALUE}, so a damaged or hand-edited file
 * would be read as another, plausible value.
 */
public final class JsonNumbers {

    private JsonNumbers() {}

    /**
     * The element as a whole number in {@code [min, max]}.
     *
     * @throws NumberFormatException naming the value and the range when it is not a number, not
     *     whole, or outside the range
     */
    public static long whole(JsonElement e, long min, long max) {
        if (!e.isJsonPrimitive() || !e.getAsJsonPrimitive().isNumber()) {
            throw new NumberFormatException(e + " is not a number"); // "12" is text, not a number
        }
        BigDecimal value;
        try {
            value = e.getAsBigDecimal();
        } catch (UnsupportedOperationException | IllegalStateException | NumberFormatException notNumber) {
            throw new NumberFormatException(e + " is not a number");
        }
        if (value.signum() != 0 && value.stripTrailingZeros().scale() > 0
                || value.compareTo(BigDecimal.valueOf(min)) < 0 || value.compareTo(BigDecimal.valueOf(max)) > 0) {
            throw new NumberFormatException(e + " is not a whole number in [" + min + ", " + max + "]");
        }
        return value.longValueExact();
    }
}
