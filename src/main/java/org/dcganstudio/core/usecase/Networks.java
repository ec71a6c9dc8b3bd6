package org.dcganstudio.core.usecase;

import java.io.IOException;

/** What the loaded networks share: a network whose weights fail to load must not leak its native memory. */
final class Networks {

    /** Loads weights into a network just made. */
    @FunctionalInterface
    interface Fill {
        void run() throws IOException;
    }

    private Networks() {}

    /** {@code made} once {@code fill} has run; closed (and the failure rethrown) when it fails. */
    static <T extends AutoCloseable> T filledOrClosed(T made, Fill fill) throws IOException {
        try {
            fill.run();
            return made;
        } catch (IOException | RuntimeException e) {
            try {
                made.close();
            } catch (Exception suppressed) {
                e.addSuppressed(suppressed);
            }
            throw e;
        }
    }
}
