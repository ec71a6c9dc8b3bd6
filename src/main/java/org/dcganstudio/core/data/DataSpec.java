package org.dcganstudio.core.data;

/**
 * Turns a data set spec from the command line or a run config, such as {@code "synthetic-shapes"}
 * or {@code "solid-colours:500"}, into an {@link ImageDataset}.
 */
public final class DataSpec {

    /** The data set used when none is named. */
    public static final String DEFAULT = "synthetic-shapes";

    private static final int SHAPES_SIZE = 60_000;
    private static final int COLOURS_SIZE = 10_000;

    private DataSpec() {
    }

    /**
     * Opens the data set a spec names.
     *
     * @param spec {@code synthetic-shapes[:N]} or {@code solid-colours[:N]} ({@code solid-colors} also accepted)
     * @param imageSize side of the square images in pixels
     * @param channels 1 or 3
     * @param seed picks the images of procedural sets
     * @return the data set
     * @throws IllegalArgumentException if the spec names no known data set or has a bad count
     */
    public static ImageDataset open(String spec, int imageSize, int channels, long seed) {
        if (spec == null) {
            throw new IllegalArgumentException("no data set given: expected " + expected());
        }
        int colon = spec.indexOf(':');
        String kind = colon < 0 ? spec : spec.substring(0, colon);
        switch (kind) {
            case "synthetic-shapes":
                return new SyntheticShapes(imageSize, channels, count(spec, colon, SHAPES_SIZE), seed);
            case "solid-colours":
            case "solid-colors":
                return new SolidColours(imageSize, channels, count(spec, colon, COLOURS_SIZE), seed,
                        SolidColours.DEFAULT_PALETTE);
            default:
                throw new IllegalArgumentException("unknown data set '" + spec + "': expected " + expected());
        }
    }

    private static int count(String spec, int colon, int fallback) {
        if (colon < 0) {
            return fallback;
        }
        String digits = spec.substring(colon + 1);
        int n;
        try {
            n = Integer.parseInt(digits);
        } catch (NumberFormatException e) {
            n = 0;
        }
        if (n < 1) {
            throw new IllegalArgumentException("bad image count '" + digits + "' in data set '" + spec
                    + "': expected a positive whole number, as in " + expected());
        }
        return n;
    }

    private static String expected() {
        // Keeps users from hunting for file-based sets that do not exist yet.
        return "synthetic-shapes[:N] or solid-colours[:N] (idx files, CIFAR-10 and image folders are not supported yet)";
    }
}
