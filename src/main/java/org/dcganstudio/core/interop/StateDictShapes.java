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
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reads the image size a pytorch/examples-style G or D state dict was built for, from the
 * safetensors header or the {@code torch.save} pickle alone (no weights are read), so
 * {@code --image-size} can be left out when sampling from weights.
 */
public final class StateDictShapes {

    /** The first kernel is 4 or 7 in every pytorch/examples generator; a huge one is not a DCGAN's. */
    private static final int MAX_FIRST_KERNEL = 64;

    /** 256×256, the largest size the studio builds, is 4 doubled 6 times; 8 leaves room and no overflow. */
    private static final int MAX_STRIDED_LAYERS = 8;

    private StateDictShapes() {}

    /**
     * The image size of a generator's weights: 4 or 7 (from the first kernel) doubled once per
     * stride-2 layer (one every three children after the first).
     *
     * @return the size, or {@code null} if the header does not look like a DCGAN generator
     */
    public static Integer generatorImageSize(Path file) throws IOException {
        return imageSize(shapes(file));
    }

    private static Integer imageSize(Map<String, long[]> shapes) {
        int last = lastLayer(shapes);
        long[] shape = shapes.get("main.0.weight");
        if (shape == null || shape.length != 4 || last < 0 || last % 3 != 0 || last / 3 > MAX_STRIDED_LAYERS
                || shape[2] < 1 || shape[2] > MAX_FIRST_KERNEL) {
            return null;
        }
        return (int) shape[2] << (last / 3);
    }

    /** The highest N of the main.N.* keys, or -1 when one is not a number. */
    private static int lastLayer(Map<String, long[]> shapes) {
        int last = 0;
        for (String key : shapes.keySet()) {
            String[] parts = key.split("\\.");
            if (parts.length == 3 && parts[0].equals("main")) {
                try {
                    last = Math.max(last, Integer.parseInt(parts[1]));
                } catch (NumberFormatException e) {
                    return -1;
                }
            }
        }
        return last;
    }

    /**
     * The architecture of a pytorch/examples-style generator's weights: nz and the first layer's
     * width from {@code main.0.weight}, ngf and the channels from the last transposed convolution,
     * the size as {@link #generatorImageSize}. The prior is not stored; pytorch/examples' is normal.
     *
     * @throws IOException naming the file when it is not such a generator
     */
    public static org.dcganstudio.core.model.ModelConfig generatorConfig(Path file) throws IOException {
        Map<String, long[]> shapes = shapes(file);
        Integer size = imageSize(shapes);
        long[] lastWeight = size == null ? null : shapes.get("main." + lastLayer(shapes) + ".weight");
        if (lastWeight == null || lastWeight.length != 4) {
            throw new IOException(file + ": not the state dict of a DCGAN generator (pytorch/examples keys main.N.weight)");
        }
        long[] first = shapes.get("main.0.weight");
        try {
            return new org.dcganstudio.core.model.ModelConfig(size, Math.toIntExact(lastWeight[1]),
                    Math.toIntExact(first[0]), Math.toIntExact(lastWeight[0]), Math.toIntExact(lastWeight[0]),
                    org.dcganstudio.core.model.LatentPrior.NORMAL);
        } catch (ArithmeticException e) {
            throw new IOException(file + ": a dimension of main.0.weight or the last layer exceeds an int");
        } catch (IllegalArgumentException e) {
            throw new IOException(file + ": " + e.getMessage());
        }
    }

    /** Key → shape of a safetensors or torch.save state dict. */
    private static Map<String, long[]> shapes(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new IOException(file + ": no such file");
        }
        if (TorchStateDicts.isTorchSave(file)) {
            return TorchStateDicts.shapes(file);
        }
        JsonObject header = header(file);
        Map<String, long[]> shapes = new LinkedHashMap<>();
        try {
            for (String key : header.keySet()) {
                if (header.get(key).isJsonObject() && header.getAsJsonObject(key).has("shape")) {
                    var shape = header.getAsJsonObject(key).getAsJsonArray("shape");
                    long[] dims = new long[shape.size()];
                    for (int i = 0; i < dims.length; i++) {
                        dims[i] = shape.get(i).getAsLong();
                    }
                    shapes.put(key, dims);
                }
            }
        } catch (RuntimeException e) {
            throw new IOException(file + ": a safetensors shape is not a list of integers");
        }
        return shapes;
    }

    private static JsonObject header(Path file) throws IOException {
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
