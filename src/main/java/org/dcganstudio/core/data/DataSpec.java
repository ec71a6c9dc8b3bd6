package org.dcganstudio.core.data;

/** Turns a {@code --data} spec into a data set. */
public final class DataSpec {

    /** The data set used when none is given. */
    public static final String DEFAULT = "synthetic-shapes";

    private DataSpec() {}

    /**
     * Opens a data set: {@code synthetic-shapes[:N]} (60,000 by default) or {@code solid-colours[:N]}
     * (10,000 by default).
     *
     * @throws IllegalArgumentException naming the spec and the accepted ones
     */
    public static ImageDataset open(String spec, int imageSize, int channels, long seed) {
        String s = spec.trim();
        String name = s.contains(":") ? s.substring(0, s.indexOf(':')) : s;
        Integer count = null;
        if (s.contains(":")) {
            try {
                count = Integer.parseInt(s.substring(s.indexOf(':') + 1));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("data set '" + spec + "': the count after ':' must be a number");
            }
        }
        return switch (name) {
            case "synthetic-shapes" -> new SyntheticShapes(imageSize, channels, count == null ? 60000 : count, seed);
            case "solid-colours", "solid-colors" -> new SolidColours(imageSize, channels,
                    count == null ? 10000 : count, seed, SolidColours.DEFAULT_PALETTE);
            default -> throw new IllegalArgumentException("unknown data set '" + spec + "': expected synthetic-shapes[:N] "
                    + "or solid-colours[:N] (idx files, CIFAR-10 and image folders come with the datasets issue)");
        };
    }
}
