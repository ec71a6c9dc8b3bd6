package org.dcganstudio.app.train;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import org.dcganstudio.core.data.DataSpec;
import org.dcganstudio.core.model.ModelConfig;
import org.dcganstudio.core.training.OptimizerSettings;
import org.dcganstudio.core.training.TrainConfig;

/**
 * The hyper-parameter form: one text property per field, checked as it changes by building the
 * records the CLI builds ({@link ModelConfig}, {@link OptimizerSettings}, {@link TrainConfig}) with
 * that value, so a field shows their message naming the field and the value, and the form, the CLI
 * and checkpoints cannot drift apart. The paper's defaults, which those records name, are one
 * action away.
 */
public final class HyperParameters {

    /** The image sizes the model supports, for the size chooser. */
    public static final List<String> IMAGE_SIZES = List.of("28", "32", "64", "128", "256");
    /** The devices offered; {@code gpu:N} may be typed. */
    public static final List<String> DEVICES = List.of("auto", "cpu", "gpu");

    /**
     * The paper's run as the form shows it. Its data set and total are placeholders: the form
     * chooses neither (the data set has its own chooser, the total follows from the epochs).
     */
    private static final TrainConfig PAPER_RUN = new TrainConfig(ModelConfig.REFERENCE, OptimizerSettings.PAPER,
            TrainConfig.PAPER_BATCH, DataSpec.DEFAULT, 1, 1, TrainConfig.PAPER_EPOCHS, TrainConfig.DEFAULT_SAMPLE_EVERY,
            TrainConfig.DEFAULT_CHECKPOINT_EVERY, TrainConfig.DEFAULT_DEVICE);

    private static final String WHOLE = "a whole number";

    private final Map<String, Field> fields = new LinkedHashMap<>();
    private final BooleanBinding valid;

    /** One validated text field. */
    public static final class Field {
        private final String name;
        private final StringProperty text = new SimpleStringProperty();
        private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper("");
        private String paperValue = "";

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

        /** The paper's value as the form writes it, for hints. */
        public String paperValue() {
            return paperValue;
        }
    }

    public HyperParameters() {
        ModelConfig m = PAPER_RUN.model();
        whole("image size", v -> new ModelConfig(v, m.channels(), m.nz(), m.ngf(), m.ndf(), m.zPrior()));
        whole("channels", v -> new ModelConfig(m.imageSize(), v, m.nz(), m.ngf(), m.ndf(), m.zPrior()));
        whole("nz", v -> new ModelConfig(m.imageSize(), m.channels(), v, m.ngf(), m.ndf(), m.zPrior()));
        whole("ngf", v -> new ModelConfig(m.imageSize(), m.channels(), m.nz(), v, m.ndf(), m.zPrior()));
        whole("ndf", v -> new ModelConfig(m.imageSize(), m.channels(), m.nz(), m.ngf(), v, m.zPrior()));
        whole("batch", v -> paperRunWith(v, PAPER_RUN.sampleEvery(), PAPER_RUN.checkpointEvery()));
        decimal("lr", v -> OptimizerSettings.of(v, PAPER_RUN.optimizer().beta1()));
        decimal("beta1", v -> OptimizerSettings.of(PAPER_RUN.optimizer().lrG(), v));
        whole("epochs", v -> {
            // TrainConfig takes 0 (a run sized in steps), but the form sizes every run in epochs.
            if (v < 1) {
                throw new IllegalArgumentException("epochs must be at least 1, got " + v);
            }
        });
        number("seed", Long::valueOf, WHOLE, v -> { });
        whole("sample every", v -> paperRunWith(PAPER_RUN.batch(), v, PAPER_RUN.checkpointEvery()));
        whole("checkpoint every", v -> paperRunWith(PAPER_RUN.batch(), PAPER_RUN.sampleEvery(), v));
        // Only the form here: whether a GPU is there is known once the engine loads, at start.
        add("device", v -> v.matches("auto|cpu|gpu|gpu:\\d+") ? ""
                : "device must be auto, cpu, gpu or gpu:N, got '" + v + "'");
        valid = Bindings.createBooleanBinding(
                () -> fields.values().stream().allMatch(f -> f.error.get().isEmpty()),
                fields.values().stream().map(f -> f.error).toArray(javafx.beans.Observable[]::new));
        resetToPaperDefaults();
        fields.values().forEach(f -> f.paperValue = f.text.get());
    }

    private void add(String name, Function<String, String> check) {
        fields.put(name, new Field(name, check));
    }

    /** A whole-number field; {@code check} builds a record with the value, which throws naming it. */
    private void whole(String name, Consumer<Integer> check) {
        number(name, Integer::valueOf, WHOLE, check);
    }

    /** A decimal field; {@code check} builds a record with the value, which throws naming it. */
    private void decimal(String name, Consumer<Float> check) {
        number(name, Float::valueOf, "a number", check);
    }

    private <T> void number(String name, Function<String, T> parser, String kind, Consumer<T> check) {
        add(name, v -> refusal(() -> check.accept(parsed(name, v, parser, kind))));
    }

    /**
     * A number typed into a field.
     *
     * @param kind what the field takes ("a number"), for the message
     * @throws IllegalArgumentException naming the field and the text when it is not a number
     */
    static <T> T parsed(String name, String text, Function<String, T> parser, String kind) {
        try {
            return parser.apply(text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be " + kind + ", got '" + text + "'");
        }
    }

    /** The message of the record's refusal, or empty when it took the value. */
    private static String refusal(Runnable build) {
        try {
            build.run();
            return "";
        } catch (IllegalArgumentException e) {
            return e.getMessage();
        }
    }

    private static void paperRunWith(int batch, int sampleEvery, int checkpointEvery) {
        new TrainConfig(PAPER_RUN.model(), PAPER_RUN.optimizer(), batch, PAPER_RUN.data(), PAPER_RUN.seed(),
                PAPER_RUN.iterations(), PAPER_RUN.epochs(), sampleEvery, checkpointEvery, PAPER_RUN.device());
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
        load(PAPER_RUN);
    }

    /** Fills the form from a run's settings (a run opened or resumed). */
    public void load(TrainConfig c) {
        set("image size", c.model().imageSize());
        set("channels", c.model().channels());
        set("nz", c.model().nz());
        set("ngf", c.model().ngf());
        set("ndf", c.model().ndf());
        set("batch", c.batch());
        field("lr").text.set(DecimalText.of(c.optimizer().lrG()));
        field("beta1").text.set(DecimalText.of(c.optimizer().beta1()));
        set("epochs", Math.max(1, c.epochs()));
        set("seed", c.seed());
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
                throw new IllegalArgumentException(f.error.get());
            }
        }
        ModelConfig model = new ModelConfig(intOf("image size"), intOf("channels"), intOf("nz"), intOf("ngf"),
                intOf("ndf"), PAPER_RUN.model().zPrior());
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
}
