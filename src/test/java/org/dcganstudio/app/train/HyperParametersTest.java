package org.dcganstudio.app.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.dcganstudio.core.model.ModelConfig;
import org.dcganstudio.core.training.OptimizerSettings;
import org.dcganstudio.core.training.TrainConfig;
import org.junit.jupiter.api.Test;

class HyperParametersTest {

    @Test
    void paperDefaultsAreValidAndGiveTheReferenceRun() {
        HyperParameters form = new HyperParameters();
        assertTrue(form.validProperty().get());
        TrainConfig c = form.toConfig("synthetic-faces", 50_000);
        assertEquals(ModelConfig.REFERENCE, c.model());
        assertEquals(OptimizerSettings.PAPER, c.optimizer());
        assertEquals(128, c.batch());
        assertEquals(25, c.epochs());
        assertEquals(25L * (50_000 / 128), c.iterations());
        assertEquals("synthetic-faces", c.data());
    }

    @Test
    void badValuesAreNamedAsTheyAreTyped() {
        HyperParameters form = new HyperParameters();
        form.field("image size").textProperty().set("48");
        assertTrue(form.field("image size").errorProperty().get().contains("48"));
        form.field("lr").textProperty().set("fast");
        assertEquals("lr must be a number, got 'fast'", form.field("lr").errorProperty().get());
        form.field("beta1").textProperty().set("1");
        assertTrue(form.field("beta1").errorProperty().get().contains("[0, 1)"));
        form.field("device").textProperty().set("tpu");
        assertTrue(form.field("device").errorProperty().get().contains("'tpu'"));
        assertFalse(form.validProperty().get());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> form.toConfig("synthetic-faces", 100));
        assertEquals(form.field("image size").errorProperty().get(), e.getMessage(), "the first invalid field");

        form.resetToPaperDefaults();
        assertTrue(form.validProperty().get());
        assertEquals("", form.field("lr").errorProperty().get());
    }

    @Test
    void fieldsShowTheMessagesOfTheRecordsTheCliBuilds() {
        String[][] refused = {
            {"batch", "0", "batch must be in [1, 65536], got 0"},
            {"nz", "5000", "nz must be in [1, 4096], got 5000"},
            {"channels", "2", "channels must be 1 or 3, got 2"},
            {"lr", "-1", "lr must be positive and finite, got -1.0"},
            {"sample every", "0", "sample-every must be at least 1, got 0"},
            {"epochs", "0", "epochs must be at least 1, got 0"},
            {"seed", "x", "seed must be a whole number, got 'x'"},
        };
        HyperParameters form = new HyperParameters();
        for (String[] r : refused) {
            form.field(r[0]).textProperty().set(r[1]);
            assertEquals(r[2], form.field(r[0]).errorProperty().get(), r[0]);
        }
        // Where the records allow more than the old form did, the form now allows it too.
        form.field("checkpoint every").textProperty().set("2000000");
        assertEquals("", form.field("checkpoint every").errorProperty().get());
    }

    @Test
    void theDefaultsAreTheOnesTheCliUses() {
        HyperParameters form = new HyperParameters();
        assertEquals(Integer.toString(TrainConfig.PAPER_BATCH), form.field("batch").textProperty().get());
        assertEquals(OptimizerSettings.PAPER_LR_TEXT, form.field("lr").textProperty().get());
        assertEquals(Integer.toString(TrainConfig.DEFAULT_SAMPLE_EVERY), form.field("sample every").textProperty().get());
        assertEquals(TrainConfig.DEFAULT_DEVICE, form.field("device").textProperty().get());
        form.field("nz").textProperty().set("8");
        assertEquals(Integer.toString(ModelConfig.REFERENCE.nz()), form.field("nz").paperValue(),
                "the hint's paper value stays when the field changes");
    }

    @Test
    void aDataSetSmallerThanOneBatchIsRefused() {
        HyperParameters form = new HyperParameters();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> form.toConfig("x", 100));
        assertTrue(e.getMessage().contains("100 images") && e.getMessage().contains("128"), e.getMessage());
    }

    @Test
    void loadingARunFillsTheForm() {
        HyperParameters form = new HyperParameters();
        ModelConfig model = new ModelConfig(32, 1, 16, 8, 8, org.dcganstudio.core.model.LatentPrior.NORMAL);
        TrainConfig c = new TrainConfig(model, OptimizerSettings.of(1e-3f, 0.6f), 16, "mnist", 7, 100, 2, 10, 10, "cpu");
        form.load(c);
        TrainConfig back = form.toConfig("mnist", 800);
        assertEquals(model, back.model());
        assertEquals(1e-3f, back.optimizer().lrG());
        assertEquals(0.6f, back.optimizer().beta1());
        assertEquals(7, back.seed());
        assertEquals("cpu", back.device());
        assertEquals(2 * (800 / 16), back.iterations());
    }
}
