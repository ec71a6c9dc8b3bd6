package org.dcganstudio.core.session;

/**
 * Where a view's {@link SessionSnapshot}s come from: the studio's own training, or a run directory
 * another process writes. Both publish the same snapshots, so a view shows either without knowing
 * which.
 */
@FunctionalInterface
public interface SnapshotSource {

    /** The latest published state; never null. */
    SessionSnapshot latest();
}
