package org.dcganstudio.core.data.faces;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.dcganstudio.core.data.ImageAnnotations;
import org.junit.jupiter.api.Test;

class FaceQueriesTest {

    private static final ImageAnnotations FACES = new SyntheticFaces(2000, 9).annotations();

    @Test
    void parsesNameLevelPairsInOrder() {
        Map<String, String> wanted = FaceQueries.parse(" smiling = yes,long_hair=no ");
        assertEquals(List.of("smiling", "long_hair"), List.copyOf(wanted.keySet()));
        assertEquals("yes", wanted.get("smiling"));
        assertEquals("no", wanted.get("long_hair"));
        assertTrue(FaceQueries.parse("  ").isEmpty());
    }

    @Test
    void rejectsMalformedCombinationsQuotingThem() {
        for (String bad : new String[] {"smiling", "=yes", "smiling=", "smiling=yes,", "smiling=yes,,glasses=no"}) {
            assertTrue(assertThrows(IllegalArgumentException.class, () -> FaceQueries.parse(bad)).getMessage()
                    .contains("attribute=level"), bad);
        }
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> FaceQueries.parse("smiling=yes,smiling=no")).getMessage().contains("smiling given twice"));
    }

    @Test
    void matchingFindsExactlyTheImagesWithAllTheLevels() {
        int smiling = FACES.attributeIndex("smiling");
        int longHair = FACES.attributeIndex("long_hair");
        int hair = FACES.attributeIndex("hair_colour");
        int[] expected = IntStream.range(0, FACES.count())
                .filter(i -> FACES.value(i, smiling) == 1 && FACES.value(i, longHair) == 0
                        && FACES.value(i, hair) == SyntheticFaces.HAIR_COLOUR.levelIndex("red"))
                .toArray();
        int[] got = FaceQueries.matching(FACES, FaceQueries.parse("smiling=yes,long_hair=no,hair_colour=red"));
        assertTrue(expected.length > 20, "too few red-haired smiling short-haired faces to test: " + expected.length);
        assertArrayEquals(expected, got);
    }

    @Test
    void noConditionsMatchEveryImage() {
        assertArrayEquals(IntStream.range(0, FACES.count()).toArray(), FaceQueries.matching(FACES, Map.of()));
    }

    @Test
    void unknownNamesListTheValidOnes() {
        String attribute = assertThrows(IllegalArgumentException.class,
                () -> FaceQueries.matching(FACES, Map.of("smile", "yes"))).getMessage();
        assertTrue(attribute.contains("'smile'") && attribute.contains(
                "smiling, long_hair, glasses, hair_colour, skin_tone, background"), attribute);
        String level = assertThrows(IllegalArgumentException.class,
                () -> FaceQueries.matching(FACES, Map.of("hair_colour", "green"))).getMessage();
        assertTrue(level.contains("'green'") && level.contains("black, brown, blond, red, grey"), level);
        String none = assertThrows(IllegalArgumentException.class,
                () -> FaceQueries.matching(ImageAnnotations.NONE, Map.of("smiling", "yes"))).getMessage();
        assertTrue(none.contains("no attributes"), none);
    }
}
