package org.dcganstudio.app.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CancellationException;
import javax.imageio.ImageIO;
import org.dcganstudio.core.data.download.DatasetCache;
import org.dcganstudio.core.data.download.DatasetCatalog;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The chooser under a typing user: one inspection of what was typed last, stale ones cancelled. */
class DatasetChoiceTest {

    /** Well inside {@link DatasetChoice#TYPING_PAUSE}: a typist between two keys. */
    private static final Duration KEY_GAP = Duration.ofMillis(120);

    @TempDir
    Path tmp;

    private final TypingClock clock = new TypingClock();
    private DatasetChoice choice;

    @BeforeEach
    void create() {
        choice = new DatasetChoice(clock, new DatasetCache(tmp.resolve("cache"), DatasetCatalog.standard()));
        choice.kindProperty().set(DatasetChoice.Kind.IMAGE_FOLDER);
    }

    @Test
    void typingAPathInspectsOnlyWhatWasTypedLastOnceTypingPauses() throws IOException {
        Path folder = photos("photos", 12);
        String typed = folder.toString();
        for (int end = tmp.toString().length() + 1; end <= typed.length(); end++) {
            type(typed.substring(0, end));
            clock.advance(KEY_GAP);
        }
        assertEquals(0, clock.started(), "no prefix was opened while typing");
        assertTrue(choice.busyProperty().get(), "Start waits for the inspection");

        clock.advance(DatasetChoice.TYPING_PAUSE);
        clock.runAll();

        assertEquals(1, clock.started());
        assertEquals(12, choice.countProperty().get());
        assertTrue(choice.descriptionProperty().get().startsWith("12 images"), choice.descriptionProperty().get());
        assertEquals("", choice.errorProperty().get());
        assertFalse(choice.busyProperty().get());
    }

    @Test
    void aNewerChoiceCancelsTheRunningInspectionWhichEndsBeforeTheNextStarts() throws IOException {
        Path first = photos("first", 12);
        Path second = photos("second", 5);
        type(first.toString());
        clock.advance(DatasetChoice.TYPING_PAUSE);
        assertEquals(1, clock.started(), "the first inspection is under way");

        type(second.toString());
        clock.advance(DatasetChoice.TYPING_PAUSE);
        assertEquals(1, clock.started(), "one inspection at a time");

        clock.runAll();

        assertEquals(2, clock.started());
        assertEquals(1, clock.thrown().size());
        assertInstanceOf(CancellationException.class, clock.thrown().get(0), "the first scan stopped at its first file");
        assertEquals(5, choice.countProperty().get());
        assertEquals("", choice.errorProperty().get(), "the cancel is not shown as an error");
        assertFalse(choice.busyProperty().get());
    }

    @Test
    void clearingThePathWhileAnInspectionRunsLeavesTheChooserIdle() throws IOException {
        type(photos("photos", 3).toString());
        clock.advance(DatasetChoice.TYPING_PAUSE);

        type("");
        clock.runAll();

        assertFalse(choice.busyProperty().get(), "nothing left to wait for");
        assertEquals("choose a folder", choice.errorProperty().get());
        assertEquals(0, choice.countProperty().get());
    }

    @Test
    void builtInKindsAreOpenedWithoutWaitingForAPause() {
        choice.kindProperty().set(DatasetChoice.Kind.SYNTHETIC_FACES);
        choice.inspect(32, 3);
        clock.runAll();
        assertEquals(50_000, choice.countProperty().get());
    }

    /** What the studio does on each key: the path changes, the train ViewModel asks for an inspection. */
    private void type(String path) {
        choice.pathProperty().set(path);
        choice.inspect(32, 3);
    }

    private Path photos(String name, int count) throws IOException {
        Path folder = Files.createDirectories(tmp.resolve(name));
        for (int i = 0; i < count; i++) {
            BufferedImage img = new BufferedImage(20, 20, BufferedImage.TYPE_INT_RGB);
            ImageIO.write(img, "png", folder.resolve(String.format("p%02d.png", i)).toFile());
        }
        return folder;
    }
}
