package org.dcganstudio.core.training;

/**
 * System properties every entry point sets before DJL loads: never download (the natives are on
 * the class path), and keep DJL's INFO logs and its CUDA probe's warning (printed on every start
 * where a CUDA runtime is installed without a driver) off the user's console.
 */
public final class EngineSettings {

    private EngineSettings() {
    }

    /** Sets the defaults, leaving any value the user gave on the command line. */
    public static void applyDefaults() {
        setIfAbsent("ai.djl.offline", "true");
        setIfAbsent("org.slf4j.simpleLogger.defaultLogLevel", "warn");
        setIfAbsent("org.slf4j.simpleLogger.log.ai.djl.util.cuda.CudaUtils", "error");
    }

    /**
     * Fixes the calling thread's libtorch intra-op thread count now, at the count in force. libtorch
     * gives a thread the count in force when it first computes, and a trainer of a tiny model sets
     * it to 1 around each of its steps ({@code DcganTrainer}): a long-lived thread whose first
     * computation fell inside such a step would compute on one core for good. Long-lived threads
     * (the studio's background pool, the latent renderer) call this as they start, before any
     * training. A failure to load libtorch is left for the thread's real work to report.
     */
    public static void initialiseThisThread() {
        try {
            ai.djl.engine.Engine.getEngine("PyTorch");
            ai.djl.pytorch.jni.JniUtils.getNumThreads();
        } catch (RuntimeException | LinkageError e) {
            // reported by the first operation that needs the engine
        }
    }

    private static void setIfAbsent(String key, String value) {
        if (System.getProperty(key) == null) {
            System.setProperty(key, value);
        }
    }
}
