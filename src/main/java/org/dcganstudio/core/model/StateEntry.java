package org.dcganstudio.core.model;

import ai.djl.ndarray.NDArray;
import org.dcganstudio.core.nn.BatchNorm2d;

/**
 * One entry of a PyTorch-style state dict ({@code main.1.running_mean}, ...): either an array of
 * the network, or a batch-norm layer's {@code num_batches_tracked} counter, which lives in Java.
 *
 * @param key the pytorch/examples state-dict key
 * @param array the array, or {@code null} for a counter
 * @param counterOf the batch-norm block whose counter this is, or {@code null}
 * @param trainable whether an optimizer updates it
 */
public record StateEntry(String key, NDArray array, BatchNorm2d counterOf, boolean trainable) {

    /** Whether this entry is {@code num_batches_tracked}. */
    public boolean isCounter() {
        return counterOf != null;
    }
}
