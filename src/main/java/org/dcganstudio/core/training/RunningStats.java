package org.dcganstudio.core.training;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.util.ArrayList;
import java.util.List;
import org.dcganstudio.core.model.DcganNetwork;
import org.dcganstudio.core.model.StateEntry;

/**
 * A copy of a network's batch-norm running statistics and counters, so a batch-statistics forward
 * (which PyTorch's kernel always folds into the running averages) can be undone.
 */
public final class RunningStats {

    private final List<StateEntry> entries = new ArrayList<>();
    private final List<NDArray> copies = new ArrayList<>();
    private final List<Long> counters = new ArrayList<>();

    private RunningStats() {}

    /** Copies {@code net}'s running statistics onto {@code manager}. */
    public static RunningStats copyOf(DcganNetwork net, NDManager manager) {
        RunningStats s = new RunningStats();
        for (StateEntry e : net.stateEntries()) {
            if (e.isCounter()) {
                s.entries.add(e);
                s.counters.add(e.counterOf().getBatchesTracked());
            } else if (!e.trainable()) {
                NDArray copy = e.array().duplicate();
                copy.attach(manager);
                s.entries.add(e);
                s.copies.add(copy);
            }
        }
        return s;
    }

    /** Writes the copied statistics back. */
    public void restore() {
        int a = 0;
        int c = 0;
        for (StateEntry e : entries) {
            if (e.isCounter()) {
                e.counterOf().setBatchesTracked(counters.get(c++));
            } else {
                copies.get(a++).copyTo(e.array());
            }
        }
    }
}
