package org.dcganstudio.app.arithmetic;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
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
import org.dcganstudio.core.latent.Vectors;

/**
 * A named arithmetic recipe as JSON: {@code format}, {@code version}, {@code name}, {@code noise},
 * {@code noise_seed}, and {@code terms}, each with {@code sign} (+1/−1), {@code name} and
 * {@code latents} (lists of nz numbers).
 */
record Recipe(String name, double noise, long noiseSeed, List<Term> terms) {

    static final String FORMAT = "dcgan-studio-arithmetic-recipe";

    record Term(int sign, String name, List<float[]> members) {}

    static Recipe of(String name, List<LatentGroup> groups, double noise, long noiseSeed) {
        List<Term> terms = new ArrayList<>();
        for (LatentGroup g : groups) {
            terms.add(new Term(g.sign(), g.nameProperty().get(),
                    g.members().stream().map(m -> m.latent().clone()).toList()));
        }
        return new Recipe(name, noise, noiseSeed, terms);
    }

    void write(Path file) throws IOException {
        JsonObject o = new JsonObject();
        o.addProperty("format", FORMAT);
        o.addProperty("version", 1);
        o.addProperty("name", name);
        o.addProperty("noise", noise);
        o.addProperty("noise_seed", noiseSeed);
        JsonArray ts = new JsonArray();
        for (Term t : terms) {
            JsonObject to = new JsonObject();
            to.addProperty("sign", t.sign());
            to.addProperty("name", t.name());
            JsonArray ls = new JsonArray();
            for (float[] z : t.members()) {
                JsonArray a = new JsonArray();
                for (float v : z) {
                    a.add(v);
                }
                ls.add(a);
            }
            to.add("latents", ls);
            ts.add(to);
        }
        o.add("terms", ts);
        byte[] bytes = new GsonBuilder().setPrettyPrinting().create().toJson(o).getBytes(StandardCharsets.UTF_8);
        AtomicFiles.write(file, out -> out.write(bytes));
    }

    static Recipe read(Path file, int nz) throws IOException {
        JsonObject o;
        try {
            o = JsonParser.parseString(Files.readString(file)).getAsJsonObject();
        } catch (JsonParseException | IllegalStateException e) {
            throw new IOException(file + ": not a recipe JSON file (" + e.getMessage() + ")");
        }
        if (!o.has("format") || !FORMAT.equals(o.get("format").getAsString())) {
            throw new IOException(file + ": 'format' is not \"" + FORMAT + "\"");
        }
        try {
            List<Term> terms = new ArrayList<>();
            JsonArray ts = o.getAsJsonArray("terms");
            for (int i = 0; i < ts.size(); i++) {
                JsonObject t = ts.get(i).getAsJsonObject();
                int sign = t.get("sign").getAsInt();
                if (sign != 1 && sign != -1) {
                    throw new IOException(file + ": terms[" + i + "].sign is " + sign + ", expected 1 or -1");
                }
                List<float[]> members = new ArrayList<>();
                JsonArray ls = t.getAsJsonArray("latents");
                for (int m = 0; m < ls.size(); m++) {
                    JsonArray a = ls.get(m).getAsJsonArray();
                    if (a.size() != nz) {
                        throw new IOException(file + ": terms[" + i + "].latents[" + m + "] has " + a.size()
                                + " values, this generator's latents have " + nz);
                    }
                    float[] z = new float[nz];
                    for (int d = 0; d < nz; d++) {
                        z[d] = a.get(d).getAsFloat();
                    }
                    if (!Vectors.allFinite(z)) {
                        throw new IOException(file + ": terms[" + i + "].latents[" + m + "] holds NaN or infinite values");
                    }
                    members.add(z);
                }
                terms.add(new Term(sign, t.get("name").getAsString(), members));
            }
            if (terms.isEmpty()) {
                throw new IOException(file + ": 'terms' is empty");
            }
            return new Recipe(o.get("name").getAsString(), o.get("noise").getAsDouble(), o.get("noise_seed").getAsLong(),
                    terms);
        } catch (NullPointerException | ClassCastException | IllegalStateException | NumberFormatException e) {
            throw new IOException(file + ": a field is missing or of the wrong type (" + e.getMessage() + ")");
        }
    }
}
