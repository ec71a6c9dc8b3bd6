package org.dcganstudio.core.interop;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.dcganstudio.core.io.JsonNumbers;

/**
 * Checks a {@code .safetensors} header against the bytes that follow it before DJL decodes it:
 * DJL allocates what the header declares, so a header length or a shape that the file cannot
 * hold would cost gigabytes before any error.
 */
final class SafetensorsHeader {

    /** The limit the reference implementation (huggingface/safetensors) puts on a header. */
    static final long MAX_HEADER = 100_000_000;

    private static final int PREFIX = 8;

    private static final Map<String, Integer> DTYPE_BYTES = Map.ofEntries(Map.entry("F64", 8), Map.entry("F32", 4),
            Map.entry("F16", 2), Map.entry("BF16", 2), Map.entry("I64", 8), Map.entry("I32", 4), Map.entry("I16", 2),
            Map.entry("I8", 1), Map.entry("U8", 1), Map.entry("BOOL", 1));

    private SafetensorsHeader() {}

    /**
     * @throws IOException naming {@code source}, the field and the value when the header length,
     *     a dtype, a shape or data offsets do not fit the file
     */
    static void check(byte[] bytes, String source) throws IOException {
        long headerLength = ByteBuffer.wrap(bytes, 0, PREFIX).order(ByteOrder.LITTLE_ENDIAN).getLong();
        if (headerLength < 2 || headerLength > MAX_HEADER) {
            throw new IOException(source + ": header length " + headerLength + " is outside [2, " + MAX_HEADER + "]");
        }
        if (headerLength > bytes.length - PREFIX) {
            throw new IOException(source + ": header length " + headerLength + " runs past the end of the "
                    + bytes.length + "-byte file");
        }
        long data = bytes.length - PREFIX - headerLength;
        JsonObject header;
        try {
            header = JsonParser.parseString(new String(bytes, PREFIX, (int) headerLength, StandardCharsets.UTF_8))
                    .getAsJsonObject();
        } catch (RuntimeException e) {
            throw new IOException(source + ": header is not a JSON object (" + e.getMessage() + ")");
        }
        for (Map.Entry<String, JsonElement> entry : header.entrySet()) {
            if (!entry.getKey().equals("__metadata__")) {
                checkTensor(source, entry.getKey(), entry.getValue(), data);
            }
        }
    }

    private static void checkTensor(String source, String key, JsonElement value, long data) throws IOException {
        String where = source + ": tensor '" + key + "'";
        try {
            JsonObject t = value.getAsJsonObject();
            String dtype = t.get("dtype").getAsString();
            Integer size = DTYPE_BYTES.get(dtype);
            if (size == null) {
                throw new IOException(where + " has dtype '" + dtype + "', not one of " + DTYPE_BYTES.keySet());
            }
            long bytes = size;
            JsonArray shape = t.getAsJsonArray("shape");
            for (JsonElement d : shape) {
                long dim = JsonNumbers.whole(d, 0, Long.MAX_VALUE);
                if (dim != 0 && bytes > data / dim) {
                    throw new IOException(where + " has shape " + shape + ", more than the " + data
                            + " data bytes of the file");
                }
                bytes *= dim;
            }
            JsonArray offsets = t.getAsJsonArray("data_offsets");
            if (offsets.size() != 2) {
                throw new IOException(where + " has data_offsets " + offsets + ", expected [begin, end]");
            }
            long begin = JsonNumbers.whole(offsets.get(0), 0, data);
            long end = JsonNumbers.whole(offsets.get(1), begin, data);
            if (end - begin != bytes) {
                throw new IOException(where + " has data_offsets " + offsets + " (" + (end - begin) + " bytes) but "
                        + dtype + " of shape " + shape + " needs " + bytes);
            }
        } catch (NumberFormatException e) {
            throw new IOException(where + ": " + e.getMessage() + " (the data section holds " + data + " bytes)");
        } catch (NullPointerException | ClassCastException | IllegalStateException e) {
            throw new IOException(where + " lacks a dtype, shape or data_offsets (" + value + ")");
        }
    }
}
