package org.dcganstudio.app.explore;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.dcganstudio.core.io.AtomicFiles;
import org.dcganstudio.core.io.JsonNumbers;
import org.dcganstudio.core.latent.Interpolation;
import org.dcganstudio.core.latent.Vectors;

/**
 * A saved exploration: the base latent, slider positions, interpolation anchors and which model
 * they were made with. JSON keys: {@code format}, {@code version}, {@code model} ({@code origin},
 * {@code step}, {@code nz}), {@code base}, {@code direction_values}, {@code raw_offsets},
 * {@code anchors}, {@code mode}, {@code frames}, {@code path_position}.
 */
record Exploration(String modelOrigin, long modelStep, int nz, float[] base, double[] directionValues,
        double[] rawOffsets, List<float[]> anchors, Interpolation mode, int frames, double pathPosition) {

    static final String FORMAT = "dcgan-studio-exploration";
    static final int VERSION = 1;

    /** The Explore view's frames spinner offers 2 to 64; a saved file holds what it offered. */
    static final int MIN_FRAMES = 2;
    static final int MAX_FRAMES = 64;

    /**
     * 16 MiB: a file holds a few latents and slider values, kilobytes even at nz 4096 with many
     * anchors; the whole file is parsed in memory, on the FX thread when opened from the view.
     */
    static final long MAX_FILE_BYTES = 16L << 20;

    void write(Path file) throws IOException {
        JsonObject o = new JsonObject();
        o.addProperty("format", FORMAT);
        o.addProperty("version", VERSION);
        JsonObject m = new JsonObject();
        m.addProperty("origin", modelOrigin);
        m.addProperty("step", modelStep);
        m.addProperty("nz", nz);
        o.add("model", m);
        o.add("base", floats(base));
        JsonArray dirs = new JsonArray();
        for (double v : directionValues) {
            dirs.add(v);
        }
        o.add("direction_values", dirs);
        JsonArray raw = new JsonArray();
        for (double v : rawOffsets) {
            raw.add(v);
        }
        o.add("raw_offsets", raw);
        JsonArray a = new JsonArray();
        anchors.forEach(z -> a.add(floats(z)));
        o.add("anchors", a);
        o.addProperty("mode", mode.key());
        o.addProperty("frames", frames);
        o.addProperty("path_position", pathPosition);
        Gson gson = new GsonBuilder().setPrettyPrinting().create();
        byte[] bytes = gson.toJson(o).getBytes(StandardCharsets.UTF_8);
        AtomicFiles.write(file, out -> out.write(bytes));
    }

    static Exploration read(Path file, int nz) throws IOException {
        long size = Files.size(file);
        if (size > MAX_FILE_BYTES) {
            throw new IOException(file + ": " + size + " bytes is above the limit of " + MAX_FILE_BYTES
                    + " for an exploration file");
        }
        JsonObject o;
        try {
            o = JsonParser.parseString(Files.readString(file)).getAsJsonObject();
        } catch (JsonParseException | IllegalStateException e) {
            throw new IOException(file + ": not an exploration JSON file (" + e.getMessage() + ")");
        }
        if (!o.has("format") || !FORMAT.equals(o.get("format").getAsString())) {
            throw new IOException(file + ": 'format' is not \"" + FORMAT + "\"");
        }
        try {
            float[] base = floats(o.getAsJsonArray("base"), file, "base", nz);
            List<float[]> anchors = new ArrayList<>();
            JsonArray a = o.getAsJsonArray("anchors");
            for (int i = 0; a != null && i < a.size(); i++) {
                anchors.add(floats(a.get(i).getAsJsonArray(), file, "anchors[" + i + "]", nz));
            }
            JsonObject m = o.getAsJsonObject("model");
            long step = whole(m, "step", file, 0, Long.MAX_VALUE);
            int frames = (int) whole(o, "frames", file, MIN_FRAMES, MAX_FRAMES);
            return new Exploration(m.get("origin").getAsString(), step, nz, base,
                    doubles(o.getAsJsonArray("direction_values")), doubles(o.getAsJsonArray("raw_offsets")), anchors,
                    Interpolation.parse(o.get("mode").getAsString()), frames, o.get("path_position").getAsDouble());
        } catch (NullPointerException | ClassCastException | IllegalStateException | NumberFormatException
                | UnsupportedOperationException e) {
            throw new IOException(file + ": a field is missing or of the wrong type (" + e.getMessage() + ")");
        }
    }

    private static long whole(JsonObject o, String key, Path file, long min, long max) throws IOException {
        if (!o.has(key)) {
            throw new IOException(file + ": '" + key + "' is missing");
        }
        try {
            return JsonNumbers.whole(o.get(key), min, max);
        } catch (NumberFormatException e) {
            throw new IOException(file + ": '" + key + "': " + e.getMessage());
        }
    }

    private static JsonArray floats(float[] v) {
        JsonArray a = new JsonArray();
        for (float x : v) {
            a.add(x);
        }
        return a;
    }

    private static float[] floats(JsonArray a, Path file, String field, int nz) throws IOException {
        if (a == null || a.size() != nz) {
            throw new IOException(file + ": '" + field + "' has " + (a == null ? 0 : a.size())
                    + " values, this generator's latents have " + nz);
        }
        float[] out = new float[nz];
        for (int i = 0; i < nz; i++) {
            out[i] = a.get(i).getAsFloat();
        }
        if (!Vectors.allFinite(out)) {
            throw new IOException(file + ": '" + field + "' holds NaN or infinite values");
        }
        return out;
    }

    private static double[] doubles(JsonArray a) {
        if (a == null) {
            return new double[0];
        }
        double[] out = new double[a.size()];
        int i = 0;
        for (JsonElement e : a) {
            out[i++] = e.getAsDouble();
        }
        return out;
    }
}
