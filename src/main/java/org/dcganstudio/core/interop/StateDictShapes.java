package org.dcganstudio.core.interop;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reads the image size a pytorch/examples-style G or D state dict was built for, from the
 * safetensors header alone, so {@code --image-size} can be left out when sampling from weights.
 */
public final class StateDictShapes {

    private StateDictShapes() {}

    /**
     * The image size of a generator's weights: 4 or 7 (from the first kernel) doubled once per
     * stride-2 layer (one every three children after the first).
     *
     * @return the size, or {@code null} if the header does not look like a DCGAN generator
     */
    public static Integer generatorImageSize(Path file) throws IOException {
        JsonObject header = header(file);
        if (header == null || !header.has("main.0.weight")) {
            return null;
        }
        int last = 0;
        for (String key : header.keySet()) {
            String[] parts = key.split("\\.");
            if (parts.length == 3 && parts[0].equals("main")) {
                try {
                    last = Math.max(last, Integer.parseInt(parts[1]));
                } catch (NumberFormatException e) {
                    return null;
                }
            }
        }
        var shape = header.getAsJsonObject("main.0.weight").getAsJsonArray("shape");
        if (shape.size() != 4 || last % 3 != 0) {
            return null;
        }
        return shape.get(2).getAsInt() << (last / 3);
    }

    /**
     * The architecture of a pytorch/examples-style generator's weights: nz and the first layer's
     * width from {@code main.0.weight}, ngf and the channels from the last transposed convolution,
     * the size as {@link #generatorImageSize}. The prior is not stored; pytorch/examples' is normal.
     *
     * @throws IOException naming the file when it is not such a generator
     */
    public static org.dcganstudio.core.model.ModelConfig generatorConfig(Path file) throws IOException {
        Integer size = generatorImageSize(file);
        JsonObject header = header(file);
        int last = 0;
        for (String key : header.keySet()) {
            String[] parts = key.split("\\.");
            if (parts.length == 3 && parts[0].equals("main")) {
                last = Math.max(last, Integer.parseInt(parts[1]));
            }
        }
        JsonObject lastWeight = header.getAsJsonObject("main." + last + ".weight");
        if (size == null || lastWeight == null) {
            throw new IOException(file + ": not the state dict of a DCGAN generator (pytorch/examples keys main.N.weight)");
        }
        var first = header.getAsJsonObject("main.0.weight").getAsJsonArray("shape");
        var out = lastWeight.getAsJsonArray("shape");
        int ngf = out.get(0).getAsInt();
        try {
            return new org.dcganstudio.core.model.ModelConfig(size, out.get(1).getAsInt(), first.get(0).getAsInt(), ngf, ngf,
                    org.dcganstudio.core.model.LatentPrior.NORMAL);
        } catch (IllegalArgumentException e) {
            throw new IOException(file + ": " + e.getMessage());
        }
    }

    private static JsonObject header(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new IOException(file + ": no such file");
        }
        try (InputStream in = Files.newInputStream(file)) {
            byte[] len = new DataInputStream(in).readNBytes(8);
            if (len.length < 8) {
                throw new IOException(file + ": too short to be a safetensors file");
            }
            long n = ByteBuffer.wrap(len).order(ByteOrder.LITTLE_ENDIAN).getLong();
            if (n <= 1 || n > 100_000_000) {
                throw new IOException(file + ": not a safetensors file (header length " + n + ")");
            }
            byte[] json = in.readNBytes((int) n);
            try {
                return JsonParser.parseString(new String(json, java.nio.charset.StandardCharsets.UTF_8)).getAsJsonObject();
            } catch (RuntimeException e) {
                throw new IOException(file + ": not a safetensors file (header is not JSON)");
            }
        }
    }
}
