package org.dcganstudio.core.data.download;

/**
 * Hears how a download goes. Called on the downloading thread, at most about ten times a second
 * per file plus once when a file's bytes are all in, with {@code bytesDone == bytesTotal}.
 */
@FunctionalInterface
public interface DownloadListener {

    /** A listener that ignores progress. */
    DownloadListener NONE = (file, bytesDone, bytesTotal) -> { };

    /**
     * Progress of one file.
     *
     * @param file the file's name
     * @param bytesDone bytes on disk so far, a resumed part included
     * @param bytesTotal the file's length, or -1 if unknown
     */
    void progress(String file, long bytesDone, long bytesTotal);
}
