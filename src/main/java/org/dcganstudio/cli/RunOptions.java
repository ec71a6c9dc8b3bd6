package org.dcganstudio.cli;

import java.util.Objects;
import org.dcganstudio.core.data.DataSpec;
import org.dcganstudio.core.model.LatentPrior;
import org.dcganstudio.core.model.ModelConfig;
import org.dcganstudio.core.training.OptimizerSettings;
import org.dcganstudio.core.training.TrainConfig;

/**
 * The options of {@code train} that a run fixes when it starts. A job script re-run after
 * pre-emption repeats its whole command line with {@code --resume}: repeating a value is fine,
 * changing one is an error naming the option, the run's value and the one given. Only the total
 * (--iterations or --epochs) may change, and the run dir is checked by the command.
 */
final class RunOptions {

    private final TrainCommand given;

    RunOptions(TrainCommand given) {
        this.given = given;
    }

    /**
     * @param run the settings of the run being continued
     * @param how the option that continues it, for the message
     * @throws IllegalArgumentException naming the first option that differs
     */
    void checkSameAs(TrainConfig run, String how) {
        ModelConfig m = run.model();
        ModelOptions mo = given.model;
        same("--image-size", mo.imageSize, m.imageSize(), how);
        same("--channels", mo.channels, m.channels(), how);
        same("--nz", mo.nz, m.nz(), how);
        same("--ngf", mo.ngf, m.ngf(), how);
        same("--ndf", mo.ndf, m.ndf(), how);
        same("--z-prior", mo.zPrior == null ? null : LatentPrior.parse(mo.zPrior), m.zPrior(), how);
        same("--data", given.data == null ? null : DataSpec.parse(given.data).text(), run.data(), how);
        same("--batch", given.batch, run.batch(), how);
        OptimizerSettings o = run.optimizer();
        if (given.lr != null && (given.lr != o.lrG() || given.lr != o.lrD())) {
            String runs = o.lrG() == o.lrD() ? String.valueOf(o.lrG()) : o.lrG() + " (G) and " + o.lrD() + " (D)";
            throw differs("--lr", runs, given.lr, how);
        }
        same("--beta1", given.beta1, o.beta1(), how);
        same("--seed", given.seed, run.seed(), how);
        same("--device", given.device, run.device(), how);
        same("--sample-every", given.sampleEvery, run.sampleEvery(), how);
        same("--checkpoint-every", given.checkpointEvery, run.checkpointEvery(), how);
    }

    private static void same(String option, Object given, Object runs, String how) {
        if (given != null && !Objects.equals(given, runs)) {
            throw differs(option, runs, given, how);
        }
    }

    private static IllegalArgumentException differs(String option, Object runs, Object given, String how) {
        return new IllegalArgumentException(option + " " + given + " differs from the run's " + runs + ": " + how
                + " keeps the run's settings (only --iterations or --epochs, a new total, may change); repeat the "
                + "run's value or leave " + option + " out");
    }
}
