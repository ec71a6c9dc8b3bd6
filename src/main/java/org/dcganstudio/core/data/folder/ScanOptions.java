package org.dcganstudio.core.data.folder;

import java.util.Objects;
import java.util.function.BooleanSupplier;

/**
 * Limits, parallelism and cancellation of an {@link ImageFolder} scan.
 *
 * @param maxPixels images with more pixels than this are refused from their header, before any
 *     decoding, so that a decompression bomb (a small file that claims a huge image) cannot
 *     exhaust memory
 * @param threads header readers working at once, 1 to 64; 1 scans on the calling thread
 * @param cancelled asked between files, from any scanning thread: once true the scan stops and
 *     {@link ImageFolder#open} throws a {@link java.util.concurrent.CancellationException}, so a
 *     preview of a folder the user has already moved on from frees its thread within one file
 */
public record ScanOptions(long maxPixels, int threads, BooleanSupplier cancelled) {

    /** 50 megapixels: far beyond any training image, far below what exhausts a default heap. */
    public static final long DEFAULT_MAX_PIXELS = 50_000_000L;

    /** For scans nobody cancels (the CLI, training). */
    public static final BooleanSupplier NEVER = () -> false;

    /**
     * The default limit and up to four header readers: two read 5,000 cached PNG headers 1.5
     * times as fast as one on a 2-core machine, more bought nothing there, and four keep a few
     * reads in flight where the files still have to come from disk.
     */
    public static final ScanOptions DEFAULT =
            new ScanOptions(DEFAULT_MAX_PIXELS, Math.min(4, Runtime.getRuntime().availableProcessors()));

    public ScanOptions {
        if (maxPixels < 1) {
            throw new IllegalArgumentException("pixel limit must be at least 1, got " + maxPixels);
        }
        if (threads < 1 || threads > 64) {
            throw new IllegalArgumentException("scan threads must be in [1, 64], got " + threads);
        }
        Objects.requireNonNull(cancelled, "cancelled");
    }

    /** A scan nobody cancels. */
    public ScanOptions(long maxPixels, int threads) {
        this(maxPixels, threads, NEVER);
    }

    /** These options, stopped when {@code flag} turns true. */
    public ScanOptions cancelledWhen(BooleanSupplier flag) {
        return new ScanOptions(maxPixels, threads, flag);
    }
}
