package org.dcganstudio.app.train;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import org.dcganstudio.core.model.LatentPrior;
import org.dcganstudio.core.model.ModelConfig;
import org.dcganstudio.core.training.OptimizerSettings;
import org.dcganstudio.core.training.TrainConfig;

/**
 * The hyper-parameter form: one text property per field, each validated as it changes with a
 * message naming the field and the value, and the paper's defaults one action away. Builds the
 * same {@link TrainConfig} the CLI does, so the form, the CLI and checkpoints cannot drift apart.
 */
public final class HyperParameters {

    /** The image sizes the model supports, for the size chooser. */
    public static final List<String> IMAGE_SIZES = List.of("28", "32", "64", "128", "256");
    /** The devices offered; {@code gpu:N} may be typed. */
    public static final List<String> DEVICES = List.of("auto", "cpu", "gpu");

    private final Map<String, Field> fields = new LinkedHashMap<>();
    private final BooleanBinding valid;

    /** One validated text field. */
    public static final class Field {
        private final String name;
        private final StringProperty text = new SimpleStringProperty();
        private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper("");

        Field(String name, Function<String, String> check) {
            this.name = name;
            text.addListener((obs, old, now) -> error.set(check.apply(now == null ? "" : now.strip())));
        }

        /** The field's name as the form labels it. */
        public String name() {
            return name;
        }

        /** What the user typed. */
        public StringProperty textProperty() {
            return text;
        }

        /** Empty when the value is valid, else why not. */
        public ReadOnlyStringProperty errorProperty() {
            return error.getReadOnlyProperty();
        }
    }

    public HyperParameters() {
        add("image size", v -> oneOf(v, IMAGE_SIZES));
        add("channels", v -> oneOf(v, List.of("1", "3")));
        add("nz", v -> intIn(v, 1, 4096));
        add("ngf", v -> intIn(v, 1, 4096));
        add("ndf", v -> intIn(v, 1, 4096));
        add("batch", v -> intIn(v, 1, 65536));
        add("lr", HyperParameters::positiveRate);
        add("beta1", v -> {
            Double d = parseDouble(v);
            return d == null ? "not a number: '" + v + "'" : d >= 0 && d < 1 ? "" : "must be in [0, 1), got " + v;
        });
        add("epochs", v -> intIn(v, 1, 100_000));
        add("seed", v -> {
            try {
                Long.parseLong(v);
                return "";
            } catch (NumberFormatException e) {
                return "must be a whole number, got '" + v + "'";
            }
        });
        add("sample every", v -> intIn(v, 1, 1_000_000));
        add("checkpoint every", v -> intIn(v, 1, 1_000_000));
        // Only the form here: whether a GPU is there is known once the engine loads, at start.
        add("device", v -> v.matches("auto|cpu|gpu|gpu:\\d+") ? "" : "must be auto, cpu, gpu or gpu:N, got '" + v
                + "'");
        valid = Bindings.createBooleanBinding(
                () -> fields.values().stream().allMatch(f -> f.error.get().isEmpty()),
                fields.values().stream().map(f -> f.error).toArray(javafx.beans.Observable[]::new));
        resetToPaperDefaults();
    }

    private void add(String name, Function<String, String> check) {
        fields.put(name, new Field(name, check));
    }

    /** The fields in form order. */
    public List<Field> fields() {
        return List.copyOf(fields.values());
    }

    /** A field by name ({@code "lr"}, {@code "image size"} ...). */
    public Field field(String name) {
        Field f = fields.get(name);
        if (f == null) {
            throw new IllegalArgumentException("no form field '" + name + "', expected one of " + fields.keySet());
        }
        return f;
    }

    /** True when every field is valid. */
    public BooleanBinding validProperty() {
        return valid;
    }

    /**
     * The pytorch/examples defaults: 64×64 RGB, nz 100, ngf = ndf = 64, batch 128, Adam 2e-4 / 0.5,
     * 25 epochs; a sample grid every 100 steps and a checkpoint every 500.
     */
    public void resetToPaperDefaults() {
        ModelConfig m = ModelConfig.REFERENCE;
        set("image size", m.imageSize());
        set("channels", m.channels());
        set("nz", m.nz());
        set("ngf", m.ngf());
        set("ndf", m.ndf());
        set("batch", 128);
        field("lr").text.set("2e-4");
        field("beta1").text.set("0.5");
        set("epochs", 25);
        set("seed", 1);
        set("sample every", 100);
        set("checkpoint every", 500);
        field("device").text.set("auto");
    }

    /** Fills the form from a run's settings (a run opened or resumed). */
    public void load(TrainConfig c) {
        set("image size", c.model().imageSize());
        set("channels", c.model().channels());
        set("nz", c.model().nz());
        set("ngf", c.model().ngf());
        set("ndf", c.model().ndf());
        set("batch", c.batch());
        field("lr").text.set(Float.toString(c.optimizer().lrG()));
        field("beta1").text.set(Float.toString(c.optimizer().beta1()));
        set("epochs", Math.max(1, c.epochs()));
        field("seed").text.set(Long.toString(c.seed()));
        set("sample every", c.sampleEvery());
        set("checkpoint every", c.checkpointEvery());
        field("device").text.set(c.device());
    }

    private void set(String name, long value) {
        field(name).text.set(Long.toString(value));
    }

    /**
     * The run's settings.
     *
     * @param dataSpec the data set
     * @param dataSize its image count, which sets the total from the epochs
     * @throws IllegalArgumentException naming the first invalid field
     */
    public TrainConfig toConfig(String dataSpec, int dataSize) {
        for (Field f : fields.values()) {
            if (!f.error.get().isEmpty()) {
                throw new IllegalArgumentException(f.name + ": " + f.error.get());
            }
        }
        ModelConfig model = new ModelConfig(intOf("image size"), intOf("channels"), intOf("nz"), intOf("ngf"),
                intOf("ndf"), LatentPrior.NORMAL);
        int batch = intOf("batch");
        if (dataSize < batch) {
            throw new IllegalArgumentException("batch: the data set has " + dataSize + " images, fewer than one batch of "
                    + batch);
        }
        int epochs = intOf("epochs");
        OptimizerSettings optimizer = OptimizerSettings.of(Float.parseFloat(text("lr")), Float.parseFloat(text("beta1")));
        return new TrainConfig(model, optimizer, batch, dataSpec, Long.parseLong(text("seed")),
                (long) epochs * (dataSize / batch), epochs, intOf("sample every"), intOf("checkpoint every"),
                text("device"));
    }

    private String text(String name) {
        return field(name).text.get().strip();
    }

    private int intOf(String name) {
        return Integer.parseInt(text(name));
    }

    static String positiveRate(String v) {
        Double d = parseDouble(v);
        if (d == null) {
            return "not a number: '" + v + "'";
        }
        return d > 0 && d < 1 ? "" : "must be in (0, 1), got " + v;
    }

    private static String oneOf(String v, List<String> allowed) {
        return allowed.contains(v) ? "" : "must be one of " + String.join(", ", allowed) + ", got '" + v + "'";
    }

    private static String intIn(String v, int min, int max) {
        try {
            int i = Integer.parseInt(v);
            return i >= min && i <= max ? "" : "must be in [" + min + ", " + max + "], got " + i;
        } catch (NumberFormatException e) {
            return "must be a whole number, got '" + v + "'";
        }
    }

    private static Double parseDouble(String v) {
        try {
            double d = Double.parseDouble(v);
            return Double.isFinite(d) ? d : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
