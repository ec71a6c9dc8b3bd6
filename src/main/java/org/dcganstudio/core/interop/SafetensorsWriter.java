package org.dcganstudio.core.interop;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import org.dcganstudio.core.interop.TorchStateDicts.Tensor;

/** Tensors read from a torch.save archive as safetensors bytes (F32, I64 counters), in key order. */
final class SafetensorsWriter {

    /** The safetensors format aligns the data after the header to 8 bytes. */
    private static final int HEADER_ALIGN = 8;

    private SafetensorsWriter() {}

    static byte[] encode(Map<String, Tensor> tensors) {
        JsonObject header = new JsonObject();
        long offset = 0;
        for (Map.Entry<String, Tensor> e : tensors.entrySet()) {
            Tensor t = e.getValue();
            long bytes = t.floats() != null ? 4L * t.floats().length : 8L * t.longs().length;
            JsonObject entry = new JsonObject();
            entry.addProperty("dtype", t.floats() != null ? "F32" : "I64");
            JsonArray shape = new JsonArray();
            Arrays.stream(t.shape()).forEach(shape::add);
            entry.add("shape", shape);
            JsonArray offsets = new JsonArray();
            offsets.add(offset);
            offsets.add(offset + bytes);
            entry.add("data_offsets", offsets);
            header.add(e.getKey(), entry);
            offset += bytes;
        }
        byte[] json = header.toString().getBytes(StandardCharsets.UTF_8);
        int padded = (json.length + HEADER_ALIGN - 1) / HEADER_ALIGN * HEADER_ALIGN;
        ByteBuffer out = ByteBuffer.allocate(Math.toIntExact(8 + padded + offset)).order(ByteOrder.LITTLE_ENDIAN);
        out.putLong(padded).put(json);
        for (int i = json.length; i < padded; i++) {
            out.put((byte) ' ');
        }
        for (Tensor t : tensors.values()) {
            if (t.floats() != null) {
                out.asFloatBuffer().put(t.floats());
                out.position(out.position() + 4 * t.floats().length);
            } else {
                out.asLongBuffer().put(t.longs());
                out.position(out.position() + 8 * t.longs().length);
            }
        }
        return out.array();
    }
}
