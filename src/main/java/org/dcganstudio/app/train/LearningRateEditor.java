package org.dcganstudio.app.train;

import java.util.function.Consumer;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import org.dcganstudio.core.session.SessionCommand;
import org.dcganstudio.core.training.OptimizerSettings;

/**
 * The learning rates of the running run, editable while it trains: shows the rates the run uses
 * whenever they change, and sends the edited ones once they are valid.
 */
public final class LearningRateEditor {

    private final Consumer<SessionCommand> send;
    private final StringProperty lrG = new SimpleStringProperty(OptimizerSettings.PAPER_LR_TEXT);
    private final StringProperty lrD = new SimpleStringProperty(OptimizerSettings.PAPER_LR_TEXT);
    private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper("");
    private OptimizerSettings shown;

    /** @param send hands the change to the training */
    LearningRateEditor(Consumer<SessionCommand> send) {
        this.send = send;
    }

    /**
     * Shows the rates a run uses when they differ from those shown last (a new run, or a change
     * applied), so what the user is typing in between is not overwritten.
     */
    void show(OptimizerSettings settings) {
        if (settings != null && !settings.equals(shown)) {
            shown = settings;
            lrG.set(DecimalText.of(settings.lrG()));
            lrD.set(DecimalText.of(settings.lrD()));
        }
    }

    /** Shows the rates a new run starts with, replacing whatever was typed but not applied. */
    void reset(OptimizerSettings settings) {
        shown = null;
        show(settings);
    }

    /** Sends the edited rates to the running run, after checking them. */
    public void apply() {
        OptimizerSettings rates;
        try {
            // The record the run's rates go into checks them, so the editor and the run agree on what is valid.
            rates = new OptimizerSettings(rate("lr G", lrG), rate("lr D", lrD), OptimizerSettings.PAPER.beta1(),
                    OptimizerSettings.PAPER.beta2(), OptimizerSettings.PAPER.epsilon());
        } catch (IllegalArgumentException e) {
            error.set(e.getMessage());
            return;
        }
        error.set("");
        send.accept(new SessionCommand.SetLearningRates(rates.lrG(), rates.lrD()));
    }

    private static float rate(String name, StringProperty text) {
        return HyperParameters.parsed(name, text.get().strip(), Float::valueOf, "a number");
    }

    public StringProperty lrGProperty() {
        return lrG;
    }

    public StringProperty lrDProperty() {
        return lrD;
    }

    /** Why the edited rates were not sent, or empty. */
    public ReadOnlyStringProperty errorProperty() {
        return error.getReadOnlyProperty();
    }
}
