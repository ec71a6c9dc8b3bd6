package org.dcganstudio.core.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class DataSpecTest {

    @Test
    void opensTheBuiltInSets() {
        ImageDataset shapes = DataSpec.open(DataSpec.DEFAULT, 64, 3, 1);
        assertInstanceOf(SyntheticShapes.class, shapes);
        assertEquals(60_000, shapes.size());
        assertEquals(64, shapes.imageSize());
        assertEquals(3, shapes.channels());
        assertEquals(123, DataSpec.open("synthetic-shapes:123", 32, 1, 1).size());
        ImageDataset colours = DataSpec.open("solid-colours", 16, 3, 1);
        assertInstanceOf(SolidColours.class, colours);
        assertEquals(10_000, colours.size());
        assertEquals(77, DataSpec.open("solid-colors:77", 16, 1, 1).size());
    }

    @Test
    void unknownSpecsAreNamedWithTheAlternatives() {
        String message = assertThrows(IllegalArgumentException.class, () -> DataSpec.open("foo", 64, 3, 1))
                .getMessage();
        assertTrue(message.contains("'foo'"), message);
        assertTrue(message.contains("synthetic-shapes[:N]") && message.contains("solid-colours[:N]"), message);
    }

    @Test
    void badCountsAreNamed() {
        for (String spec : new String[] {"synthetic-shapes:0", "synthetic-shapes:abc", "solid-colours:", "solid-colours:-3"}) {
            String message = assertThrows(IllegalArgumentException.class, () -> DataSpec.open(spec, 64, 3, 1))
                    .getMessage();
            assertTrue(message.contains(spec), message);
        }
    }
}
