package org.dcganstudio.core.training;

import org.dcganstudio.core.io.JsonFields;
import com.google.gson.JsonObject;

/**
 * A checkpoint's {@code state.json}, every field checked for presence, type and range.
 *
 * @param step steps taken
 * @param adamStepsG G's Adam step count (its bias correction)
 * @param adamStepsD D's Adam step count
 * @param wallSeconds training seconds so far
 * @param lrG G's learning rate
 * @param lrD D's learning rate
 * @param weightsOnly a shipped model without optimizer state
 */
record CheckpointState(long step, long adamStepsG, long adamStepsD, double wallSeconds, float lrG, float lrD,
        boolean weightsOnly) {

    /**
     * Parses state.json.
     *
     * @throws IllegalArgumentException naming the field and its value
     */
    static CheckpointState parse(String json) {
        JsonObject o = JsonFields.object(json);
        String format = o.has("format") && o.get("format").isJsonPrimitive() ? o.get("format").getAsString() : null;
        if (!Checkpoint.FORMAT.equals(format)) {
            throw new IllegalArgumentException("not a DCGAN Studio checkpoint (field 'format' is " + o.get("format")
                    + ", not \"" + Checkpoint.FORMAT + "\")");
        }
        long version = JsonFields.whole(o, "version", 0, Integer.MAX_VALUE);
        if (version != Checkpoint.VERSION) {
            throw new IllegalArgumentException("checkpoint format version " + version + " is not supported (this "
                    + "build reads version " + Checkpoint.VERSION + ")");
        }
        return new CheckpointState(JsonFields.whole(o, "step", 0, Long.MAX_VALUE),
                JsonFields.whole(o, "adam_steps_g", 0, Long.MAX_VALUE),
                JsonFields.whole(o, "adam_steps_d", 0, Long.MAX_VALUE), nonNegative(o, "wall_s"),
                JsonFields.float32(o, "lr_g"), JsonFields.float32(o, "lr_d"), JsonFields.flag(o, "weights_only", false));
    }

    private static double nonNegative(JsonObject o, String key) {
        double d = JsonFields.float64(o, key);
        if (d < 0) {
            throw new IllegalArgumentException("field '" + key + "' must not be negative, got " + o.get(key));
        }
        return d;
    }
}
