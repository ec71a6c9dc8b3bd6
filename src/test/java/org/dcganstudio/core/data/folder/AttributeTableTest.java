package org.dcganstudio.core.data.folder;

import static org.dcganstudio.core.data.folder.TestImages.writeText;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import org.dcganstudio.core.data.DataException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Categorical columns up to the 256 levels a byte can index, and not one more. */
class AttributeTableTest {

    @TempDir
    Path dir;

    @Test
    void aColumnWith200LevelsReadsEveryLevelBack() {
        // Past 128 levels, so the indices 128..199 would come back negative from a signed byte.
        StringBuilder csv = new StringBuilder("file,shade\n");
        for (int i = 0; i < 200; i++) {
            csv.append(String.format("img%03d.png,s%03d\n", i, i));
        }
        AttributeTable table = AttributeTable.readCsv(writeText(dir.resolve("attributes.csv"), csv.toString()));

        assertEquals(200, table.attributes().get(0).levels().size());
        for (int i = 0; i < 200; i++) {
            int row = table.row(String.format("img%03d.png", i));
            // levels are the sorted distinct values, and s000..s199 sort as their numbers
            assertEquals(i, table.level(row, 0), "level of img" + i);
        }
    }

    @Test
    void aColumnWith257LevelsIsRefusedNamingTheFileColumnAndLimit() {
        StringBuilder csv = new StringBuilder("file,shade\n");
        for (int i = 0; i < 257; i++) {
            csv.append("img").append(i).append(".png,s").append(i).append('\n');
        }
        Path file = writeText(dir.resolve("attributes.csv"), csv.toString());
        assertEquals(file + " line 1: shade has 257 distinct values, more than 256",
                assertThrows(DataException.class, () -> AttributeTable.readCsv(file)).getMessage());
    }
}
