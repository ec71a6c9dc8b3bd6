package org.dcganstudio.app.explore;

import javafx.beans.property.DoubleProperty;
import javafx.beans.property.SimpleDoubleProperty;

/**
 * One discovered direction as a slider: its value is in standard deviations of the latents'
 * spread along the direction, so ±2 means the same "how far" on every slider.
 */
public final class DirectionSlider {

    /** The slider's range, in standard deviations either side. */
    public static final double RANGE = 3;

    private final String name;
    private final float[] unit;
    private final double sigma;
    private final double varianceShare;
    private final DoubleProperty value = new SimpleDoubleProperty(0);

    /**
     * @param name what people see ("PC 1")
     * @param unit the direction, unit length in latent space
     * @param sigma the standard deviation of latents along it
     * @param varianceShare the share of the activations' variance it explains, in [0, 1]
     */
    public DirectionSlider(String name, float[] unit, double sigma, double varianceShare) {
        this.name = name;
        this.unit = unit.clone();
        this.sigma = sigma;
        this.varianceShare = varianceShare;
    }

    public String name() {
        return name;
    }

    /** The direction (a copy). */
    public float[] unit() {
        return unit.clone();
    }

    public double sigma() {
        return sigma;
    }

    public double varianceShare() {
        return varianceShare;
    }

    /** Position in standard deviations, 0 at rest. */
    public DoubleProperty valueProperty() {
        return value;
    }

    /** Back to 0. */
    public void reset() {
        value.set(0);
    }

    /** Adds this slider's offset, {@code value·sigma·unit}, into {@code z}. */
    void addTo(float[] z) {
        double scale = value.get() * sigma;
        if (scale == 0) {
            return;
        }
        for (int i = 0; i < z.length; i++) {
            z[i] += (float) (scale * unit[i]);
        }
    }
}
