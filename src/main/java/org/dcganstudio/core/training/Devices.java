package org.dcganstudio.core.training;

import ai.djl.Device;
import ai.djl.engine.Engine;

/** Turns {@code auto}, {@code cpu}, {@code gpu} or {@code gpu:N} into a DJL device. */
public final class Devices {

    private Devices() {}

    /**
     * Resolves a device spec.
     *
     * @throws IllegalArgumentException for a bad spec or a GPU that DJL does not see
     */
    public static Device resolve(String spec) {
        String s = spec == null ? "auto" : spec.trim().toLowerCase();
        int gpus = Engine.getInstance().getGpuCount();
        if (s.equals("auto")) {
            return gpus > 0 ? Device.gpu() : Device.cpu();
        }
        if (s.equals("cpu")) {
            return Device.cpu();
        }
        if (s.equals("gpu") || s.startsWith("gpu:")) {
            int id;
            try {
                id = s.equals("gpu") ? 0 : Integer.parseInt(s.substring(4));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("device must be cpu, gpu or gpu:N, got '" + spec + "'");
            }
            if (id < 0 || id >= gpus) {
                throw new IllegalArgumentException("device " + spec + " is not available: DJL sees " + gpus
                        + " GPU(s) (the CPU build of PyTorch is on the class path; see the README for CUDA)");
            }
            return Device.gpu(id);
        }
        throw new IllegalArgumentException("device must be auto, cpu, gpu or gpu:N, got '" + spec + "'");
    }

    /** A short name for logs and the status bar. */
    public static String describe(Device d) {
        return d.isGpu() ? "GPU " + d.getDeviceId() : "CPU";
    }
}
