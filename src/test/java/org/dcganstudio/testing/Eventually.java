package org.dcganstudio.testing;

import java.util.function.BooleanSupplier;

/** Waiting for work on other threads (a renderer, a trainer) as a ViewModel's frame timer would. */
public final class Eventually {

    private Eventually() {}

    /** Calls {@code refresh} and checks {@code done} every 2 ms, for up to 30 s. */
    public static void until(Runnable refresh, BooleanSupplier done, String what) throws InterruptedException {
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (System.nanoTime() < deadline) {
            refresh.run();
            if (done.getAsBoolean()) {
                return;
            }
            Thread.sleep(2);
        }
        throw new AssertionError("timed out waiting for " + what);
    }
}
