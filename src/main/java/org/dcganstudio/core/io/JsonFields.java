package org.dcganstudio.core.io;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.math.BigDecimal;

/**
 * Strict reading of our JSON files' fields. Gson's getters read {@code "12"} as 12, truncate 1.5
 * to 1, wrap 2^32 + 64 to 64 and throw unchecked exceptions without the key on an object; here a
 * field is exactly of its type and range, or an {@link IllegalArgumentException} names the field
 * and shows its value.
 */
public final class JsonFields {

    /** Values are shown up to this many characters, so a huge one cannot flood a message. */
    private static final int SHOWN = 60;

    private JsonFields() {}

    /** Parses a JSON object. */
    public static JsonObject object(String json) {
        JsonElement e;
        try {
            e = JsonParser.parseString(json);
        } catch (RuntimeException ex) {
            throw new IllegalArgumentException("is not valid JSON (" + ex.getMessage() + ")");
        }
        if (!e.isJsonObject()) {
            throw new IllegalArgumentException("is not a JSON object, got " + shown(e));
        }
        return e.getAsJsonObject();
    }

    /** A whole number in {@code [min, max]}. */
    public static long whole(JsonObject o, String key, long min, long max) {
        try {
            return JsonNumbers.whole(field(o, key), min, max);
        } catch (NumberFormatException e) {
            throw bad(o, key, "a whole number in [" + min + ", " + max + "]");
        }
    }

    /** A whole number in {@code [min, max]} that fits an int. */
    public static int integer(JsonObject o, String key, int min, int max) {
        return (int) whole(o, key, min, max);
    }

    /** A finite number that float32 holds without overflowing. */
    public static float float32(JsonObject o, String key) {
        float f = number(o, key, "a finite number").floatValue();
        if (!Float.isFinite(f)) {
            throw bad(o, key, "a finite number within float range");
        }
        return f;
    }

    /** A finite number. */
    public static double float64(JsonObject o, String key) {
        double d = number(o, key, "a finite number").doubleValue();
        if (!Double.isFinite(d)) {
            throw bad(o, key, "a finite number within double range");
        }
        return d;
    }

    /** A string. */
    public static String string(JsonObject o, String key) {
        JsonElement e = field(o, key);
        if (!e.isJsonPrimitive() || !e.getAsJsonPrimitive().isString()) {
            throw bad(o, key, "a string");
        }
        return e.getAsString();
    }

    /** A boolean, or {@code absent} when the field is not there. */
    public static boolean flag(JsonObject o, String key, boolean absent) {
        if (!o.has(key)) {
            return absent;
        }
        JsonElement e = o.get(key);
        if (!e.isJsonPrimitive() || !e.getAsJsonPrimitive().isBoolean()) {
            throw bad(o, key, "true or false");
        }
        return e.getAsBoolean();
    }

    private static BigDecimal number(JsonObject o, String key, String expected) {
        JsonElement e = field(o, key);
        if (!e.isJsonPrimitive() || !e.getAsJsonPrimitive().isNumber()) {
            throw bad(o, key, expected);
        }
        try {
            return e.getAsBigDecimal();
        } catch (NumberFormatException notANumber) {
            throw bad(o, key, expected);
        }
    }

    private static JsonElement field(JsonObject o, String key) {
        if (!o.has(key) || o.get(key).isJsonNull()) {
            throw new IllegalArgumentException("field '" + key + "' is missing");
        }
        return o.get(key);
    }

    private static IllegalArgumentException bad(JsonObject o, String key, String expected) {
        return new IllegalArgumentException("field '" + key + "' must be " + expected + ", got " + shown(o.get(key)));
    }

    private static String shown(JsonElement e) {
        String s = String.valueOf(e);
        return s.length() <= SHOWN ? s : s.substring(0, SHOWN) + "… (" + s.length() + " characters)";
    }
}
