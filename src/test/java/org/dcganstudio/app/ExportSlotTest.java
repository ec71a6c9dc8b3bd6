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
}
