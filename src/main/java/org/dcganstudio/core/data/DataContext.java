package org.dcganstudio.core.data;

import java.util.Objects;
import java.util.function.Consumer;
import org.dcganstudio.core.data.download.DatasetCache;
import org.dcganstudio.core.data.download.DownloadListener;

/**
 * What opening a data set may use beyond its spec: where downloaded sets are cached, whether a
 * missing public set may be downloaded (and who hears its progress), and who hears warnings such
 * as skipped files. The CLI and the studio each build one; tests use {@link #offline()}.
 *
 * @param cache where public data sets are looked for
 * @param download whether a public data set missing from the cache may be downloaded
 * @param progress hears download progress
 * @param warnings hears non-fatal problems, one line each
 */
public record DataContext(DatasetCache cache, boolean download, DownloadListener progress,
        Consumer<String> warnings) {

    public DataContext {
        Objects.requireNonNull(cache, "cache");
        Objects.requireNonNull(progress, "progress");
        Objects.requireNonNull(warnings, "warnings");
    }

    /** The standard cache, no downloads, warnings dropped. */
    public static DataContext offline() {
        return new DataContext(DatasetCache.standard(), false, DownloadListener.NONE, w -> { });
    }

    /** The standard cache with downloads allowed. */
    public static DataContext online(DownloadListener progress, Consumer<String> warnings) {
        return new DataContext(DatasetCache.standard(), true, progress, warnings);
    }

    /** This context with another warnings listener. */
    public DataContext withWarnings(Consumer<String> listener) {
        return new DataContext(cache, download, progress, listener);
    }
}
