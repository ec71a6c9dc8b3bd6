package org.dcganstudio.core.data.folder;

import static org.dcganstudio.core.data.folder.TestImages.rgb;
import static org.dcganstudio.core.data.folder.TestImages.write;
import static org.dcganstudio.core.data.folder.TestImages.writeText;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.dcganstudio.core.data.Attribute;
import org.dcganstudio.core.data.DataException;
import org.dcganstudio.core.data.ImageAnnotations;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** CelebA attribute lists and the project's attributes.csv. */
class ImageFolderAttributesTest {

    @TempDir
    Path dir;

    @Test
    void celebAListBesideTheImageFolderGivesYesNoAttributes() {
        Path images = dir.resolve("img_align_celeba");
        for (int i = 1; i <= 3; i++) {
            write(rgb(2, 2, i), "png", images.resolve(String.format("%06d.png", i)));
        }
        // CelebA pads with runs of spaces; a row for an image not in the folder is fine.
        writeText(dir.resolve(ImageFolder.CELEBA_ATTRIBUTES), "4\n"
                + "5_o_Clock_Shadow Smiling  Young \n"
                + "000001.png -1  1  1\n"
                + "000002.png  1 -1  1\n"
                + "000004.png  1  1  1\n"
                + "000003.png\t-1 -1 -1\n\n");

        ImageAnnotations a = ImageFolder.open(images).annotations();

        assertEquals(List.of(Attribute.binary("5_o_Clock_Shadow"), Attribute.binary("Smiling"),
                Attribute.binary("Young")), a.attributes());
        assertFalse(a.hasClasses());
        int[][] expected = {{0, 1, 1}, {1, 0, 1}, {0, 0, 0}};
        for (int i = 0; i < 3; i++) {
            for (int k = 0; k < 3; k++) {
                assertEquals(expected[i][k], a.value(i, k), "image " + i + " attribute " + k);
            }
        }
    }

    @Test
    void malformedCelebALineIsAnErrorNamingTheFileAndLine() {
        write(rgb(2, 2, 0), "png", dir.resolve("000001.png"));
        Path list = writeText(dir.resolve(ImageFolder.CELEBA_ATTRIBUTES),
                "2\nSmiling Young\n000001.png 1 1\n000002.png 1 0\n");
        assertEquals(list + " line 4: Young must be -1 or 1, got '0'",
                assertThrows(DataException.class, () -> ImageFolder.open(dir)).getMessage());

        writeText(list, "2\nSmiling Young\n000001.png 1 1\n000002.png 1\n");
        assertEquals(list + " line 4: expected a file name and 2 values, got 1 values",
                assertThrows(DataException.class, () -> ImageFolder.open(dir)).getMessage());

        writeText(list, "3\nSmiling Young\n000001.png 1 1\n000002.png 1 -1\n");
        assertEquals(list + " line 1: says 3 images, but the file lists 2",
                assertThrows(DataException.class, () -> ImageFolder.open(dir)).getMessage());

        writeText(list, "2\nSmiling Smiling\n000001.png 1 1\n000002.png 1 -1\n");
        assertEquals(list + " line 2: attribute Smiling is named twice",
                assertThrows(DataException.class, () -> ImageFolder.open(dir)).getMessage());
    }

    @Test
    void imagesWithoutARowTurnAttributesOffWithAWarning() {
        write(rgb(2, 2, 0), "png", dir.resolve("000001.png"));
        write(rgb(2, 2, 1), "png", dir.resolve("extra.png"));
        Path list = writeText(dir.resolve(ImageFolder.CELEBA_ATTRIBUTES), "1\nSmiling\n000001.png 1\n");

        ImageFolder folder = ImageFolder.open(dir);

        assertEquals(ImageAnnotations.NONE, folder.annotations());
        assertEquals(List.of(list + " has no row for 1 of 2 images (extra.png); attributes are off"),
                folder.warnings());
    }

    @Test
    void attributesCsvGivesYesNoAndSortedCategoricalAttributesBesideClasses() {
        write(rgb(2, 2, 0), "png", dir.resolve("cats/a.png"));
        write(rgb(2, 2, 1), "png", dir.resolve("cats/b.png"));
        write(rgb(2, 2, 2), "png", dir.resolve("dogs/a.png"));
        // A BOM and spaces, as spreadsheets write; rows keyed by path where names repeat.
        writeText(dir.resolve(ImageFolder.ATTRIBUTES_CSV), "\uFEFFfile, smiling, glasses, hair_colour\n"
                + "cats/a.png, 1, no, red\n"
                + "dogs/a.png, 0, yes, black\n"
                + "\n"
                + "b.png, 1, no, blond\n");

        ImageAnnotations a = ImageFolder.open(dir).annotations();

        assertEquals(List.of("cats", "dogs"), a.classNames());
        assertEquals(List.of(Attribute.binary("smiling"), Attribute.binary("glasses"),
                new Attribute("hair_colour", List.of("black", "blond", "red"))), a.attributes());
        int[][] expected = {{1, 0, 2}, {1, 0, 1}, {0, 1, 0}};
        for (int i = 0; i < 3; i++) {
            for (int k = 0; k < 3; k++) {
                assertEquals(expected[i][k], a.value(i, k), "image " + i + " attribute " + k);
            }
        }
    }

    @Test
    void attributesCsvWinsOverACelebAList() {
        write(rgb(2, 2, 0), "png", dir.resolve("a.png"));
        writeText(dir.resolve(ImageFolder.CELEBA_ATTRIBUTES), "1\nSmiling\na.png 1\n");
        writeText(dir.resolve(ImageFolder.ATTRIBUTES_CSV), "file,beard\na.png,0\n");
        assertEquals(List.of(Attribute.binary("beard")), ImageFolder.open(dir).annotations().attributes());
    }

    @Test
    void malformedAttributesCsvIsAnErrorNamingTheFileAndLine() {
        write(rgb(2, 2, 0), "png", dir.resolve("a.png"));
        Path csv = dir.resolve(ImageFolder.ATTRIBUTES_CSV);
        String[][] cases = {
            {"file,smiling,hair\na.png,1,red\nb.png,0\n", "line 3: expected 3 fields as in the header, got 2"},
            {"file,smiling\na.png,\n", "line 2: empty smiling field"},
            {"name,smiling\na.png,1\n", "line 1: expected a header 'file,attribute,...', got 'name,smiling'"},
            {"file,hair colour\na.png,red\nb.png,black\n", "line 1: attribute name must be letters, digits"},
            {"file,hair\na.png,red\n", "line 1: attribute hair needs at least two distinct levels, got [red]"},
            {"file,smiling\na.png,1\na.png,0\n", "line 3: a.png is listed a second time"},
        };
        for (String[] c : cases) {
            writeText(csv, c[0]);
            String message = assertThrows(DataException.class, () -> ImageFolder.open(dir)).getMessage();
            assertTrue(message.startsWith(csv + " " + c[1]), message);
        }
    }
}
