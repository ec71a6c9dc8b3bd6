package org.dcganstudio.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.dcganstudio.testing.DeferredTasks;
import org.junit.jupiter.api.Test;

class ExportSlotTest {

    private final List<String> messages = new ArrayList<>();
    private final List<Object> outcomes = new ArrayList<>();

    @Test
    void anExportReportsItsProgressAndEndsAtOne() {
        ExportSlot slot = new ExportSlot(BackgroundTasks.SAME_THREAD, messages::add);
        List<Double> seen = new ArrayList<>();
        slot.progressProperty().addListener((obs, was, now) -> seen.add(now.doubleValue()));
        slot.busyProperty().addListener((obs, was, now) -> outcomes.add("busy " + now));
        slot.start("exporting…", -1, context -> {
            assertTrue(slot.busyProperty().get());
            context.progress(0.5);
            return "the file";
        }, outcomes::add, outcomes::add);
        assertEquals(List.of(-1.0, 0.5, 1.0), seen);
        assertEquals(List.of("busy true", "busy false", "the file"), outcomes, "done after the slot is free");
        assertEquals(List.of("exporting…"), messages);
    }

    @Test
    void aFailureIsHandedOnAndACancelIsReportedAsNothingWritten() {
        ExportSlot slot = new ExportSlot(BackgroundTasks.SAME_THREAD, messages::add);
        IOException disk = new IOException("disk full");
        slot.start("exporting…", 0, context -> {
            context.progress(0.3);
            throw disk;
        }, outcomes::add, outcomes::add);
        assertEquals(List.of(disk), outcomes);
        assertEquals(0, slot.progressProperty().get());
        assertFalse(slot.busyProperty().get());

        DeferredTasks later = new DeferredTasks();
        ExportSlot deferred = new ExportSlot(later, messages::add);
        deferred.start("exporting…", 0, context -> {
            context.throwIfCancelled();
            return "never";
        }, outcomes::add, outcomes::add);
        assertThrows(IllegalStateException.class,
                () -> deferred.start("another", 0, context -> "second", outcomes::add, outcomes::add),
                "one export at a time");
        deferred.cancel();
        later.runAll();
        assertEquals(List.of(disk), outcomes, "neither done nor failed");
        assertEquals(ExportSlot.CANCELLED, messages.get(messages.size() - 1));
        assertFalse(deferred.busyProperty().get());
    }

    @Test
    void anExportThatCannotStartLeavesTheSlotFree() {
        BackgroundTasks shutDown = new BackgroundTasks() {
            @Override
            public <T> void run(java.util.concurrent.Callable<T> work, java.util.function.Consumer<T> onDone,
                    java.util.function.Consumer<Throwable> onError) {
                throw new java.util.concurrent.RejectedExecutionException("the pool is shut down");
            }

            @Override
            public void onUi(Runnable action) {
                action.run();
            }
        };
        ExportSlot slot = new ExportSlot(shutDown, messages::add);
        assertThrows(java.util.concurrent.RejectedExecutionException.class,
                () -> slot.start("exporting…", -1, context -> "x", outcomes::add, outcomes::add));
        assertFalse(slot.busyProperty().get(), "a later export can still start");
        assertEquals(0, slot.progressProperty().get());
    }

    @Test
    void aProgressOfNaNShowsAsNotKnownAndLaterProgressStillArrives() {
        List<Double> seen = new ArrayList<>();
        BackgroundTasks.SAME_THREAD.start(context -> {
            context.progress(0.0 / 0.0);
            context.progress(0.25);
            return null;
        }, seen::add, done -> { }, e -> { });
        assertEquals(List.of(-1.0, 0.25), seen);
    }
}
