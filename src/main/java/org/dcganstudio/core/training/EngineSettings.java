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

    private static void setIfAbsent(String key, String value) {
        if (System.getProperty(key) == null) {
            System.setProperty(key, value);
        }
    }
}
