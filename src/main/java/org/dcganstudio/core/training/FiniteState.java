package org.dcganstudio.core.training;

import org.dcganstudio.core.model.DcganNetwork;
import org.dcganstudio.core.model.StateEntry;

/**
 * Whether the state a checkpoint would hold is all finite numbers: a diverged run can keep finite
 * losses for a while after batch-norm running statistics overflowed, and a checkpoint of those
 * would sample black (or NaN) images and resume into nonsense.
 */
final class FiniteState {

    private FiniteState() {
    }

    /** The first entry of G or D (weights and batch-norm statistics) that is not finite, or null. */
    static String firstNonFinite(DcganTrainer trainer) {
        String g = firstNonFinite("G", trainer.generator());
        return g != null ? g : firstNonFinite("D", trainer.discriminator());
    }

    private static String firstNonFinite(String name, DcganNetwork net) {
        for (StateEntry e : net.stateEntries()) {
            if (e.isCounter()) {
                continue;
            }
            for (float v : e.array().toFloatArray()) {
                if (!Float.isFinite(v)) {
                    return name + "'s " + e.key() + " holds " + v;
                }
            }
        }
        return null;
    }
}
