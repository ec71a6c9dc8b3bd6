package org.dcganstudio.core.training;

/**
 * The five statistics of a training step, in the order of the trainer's rows, of their metrics.csv
 * columns (after step and epoch) and of every array indexed by {@link #index()}.
 */
public enum Metric {
    /** D's loss on the real and the fake batch together. */
    LOSS_D("loss_d", "Loss_D"),
    /** G's loss. */
    LOSS_G("loss_g", "Loss_G"),
    /** D's mean output on real images. */
    D_X("d_x", "D(x)"),
    /** D's mean output on fakes before its update. */
    D_G_Z1("d_g_z1", "D(G(z))"),
    /** D's mean output on fakes after its update, in G's pass. */
    D_G_Z2("d_g_z2", "D(G(z))");

    /** How many there are: the length of a row of statistics. */
    public static final int COUNT = values().length;

    private final String column;
    private final String label;

    Metric(String column, String label) {
        this.column = column;
        this.label = label;
    }

    /** Its column in metrics.csv's header. */
    public String column() {
        return column;
    }

    /**
     * Its name as the reference's training log prints it; both D(G(z)) values share one name there
     * ("D(G(z)): before / after").
     */
    public String label() {
        return label;
    }

    /** Its place in a row of statistics. */
    public int index() {
        return ordinal();
    }
}
