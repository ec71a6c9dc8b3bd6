package org.dcganstudio.core.data.download;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Where a data set's files are, for choosers and listings: the folder it can be read from, if any,
 * and the state of each file.
 *
 * @param dataset the data set
 * @param location the folder holding all its files, if one does
 * @param files one entry per file of the data set, in catalog order
 */
public record DatasetStatus(RemoteDataset dataset, Optional<Path> location, List<FileStatus> files) {

    /** Where a file stands. */
    public enum State {
        /** In a system folder. */
        SYSTEM,
        /** Complete in the cache. */
        CACHED,
        /** Partly downloaded; a later download resumes it. */
        PARTIAL,
        /** Not there at all. */
        MISSING
    }

    /**
     * One file's state.
     *
     * @param file the catalog entry
     * @param state where it stands
     * @param path the file, or its partial download; where it would go if missing
     * @param bytes bytes present: the file's size, the partial download's, or 0
     */
    public record FileStatus(RemoteFile file, State state, Path path, long bytes) {}

    public DatasetStatus {
        files = List.copyOf(files);
    }

    /** True when every file is present in one folder, so the data set can be opened. */
    public boolean available() {
        return location.isPresent();
    }

    /** Bytes still to download, from the catalog sizes; 0 when available. */
    public long remainingBytes() {
        if (available()) {
            return 0;
        }
        return files.stream()
                .filter(f -> f.state() == State.PARTIAL || f.state() == State.MISSING)
                .mapToLong(f -> Math.max(0, f.file().size() - f.bytes()))
                .sum();
    }
}
