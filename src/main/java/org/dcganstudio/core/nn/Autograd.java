package org.dcganstudio.core.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;

/**
 * Autograd switches, called directly on libtorch. Grad mode is thread-local in PyTorch and DJL
 * turns it off only on the thread that loads the engine, so every worker thread that runs a model
 * calls {@link #disableOnThisThread()} first, or its inference would record graphs.
 */
public final class Autograd {

    static {
        // loads libtorch; JNI calls before the engine exists fail with UnsatisfiedLinkError
        ai.djl.engine.Engine.getEngine("PyTorch");
    }

    private Autograd() {}

    /** Stops recording graphs on the calling thread. */
    public static void disableOnThisThread() {
        JniUtils.setGradMode(false);
    }

    /** Starts recording graphs on the calling thread (a training step). */
    public static void enableOnThisThread() {
        JniUtils.setGradMode(true);
    }

    /**
     * Back-propagates from {@code output} with a caller-owned seed, the gradient of the loss with
     * respect to {@code output} (ones for a scalar loss), so a step does not allocate one per call
     * as DJL's collector does.
     */
    public static void backward(NDArray output, NDArray seed) {
        JniUtils.backward((PtNDArray) output, (PtNDArray) seed, false, false);
    }
}
