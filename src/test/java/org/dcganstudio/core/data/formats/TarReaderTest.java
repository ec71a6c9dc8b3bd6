package org.dcganstudio.core.data.formats;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import org.dcganstudio.core.data.DataException;
import org.junit.jupiter.api.Test;

class TarReaderTest {

    private static final Path ARCHIVE = Path.of("set.tar");
    private static final byte[] DATA = "0123456789".repeat(60).getBytes(StandardCharsets.US_ASCII);

    @Test
    void entriesComeWithFullNamesSizesAndKinds() throws IOException {
        TarWriter writer = new TarWriter().folder("set/").entry("set/deep", "data.bin", '0', DATA);
        byte[] tar = writer.file("set/b", new byte[1]).tar();
        TarReader reader = reader(tar);
        assertEquals(new TarReader.Entry("set/", 0, false), reader.next());
        assertEquals(new TarReader.Entry("set/deep/data.bin", DATA.length, true), reader.next());
        assertArrayEquals(DATA, reader.content());
        TarReader.Entry last = reader.next();
        assertEquals("set/b", last.name());
        assertNull(reader.next());
    }

    @Test
    void unreadContentIsSkipped() throws IOException {
        TarReader reader = reader(new TarWriter().file("a", DATA).file("b", new byte[] {7}).tar());
        assertEquals("a", reader.next().name());
        assertEquals("b", reader.next().name());
        assertArrayEquals(new byte[] {7}, reader.content());
    }

    @Test
    void oldGnuHeadersIgnoreThePrefixField() throws IOException {
        byte[] tar = new TarWriter().entry("atime-and-more", "a.bin", '0', new byte[0]).tar();
        tar[262] = ' ';
        fixChecksum(tar);
        assertEquals("a.bin", reader(tar).next().name());
    }

    @Test
    void streamEndingWithoutZeroBlocksEndsTheArchive() throws IOException {
        byte[] tar = new TarWriter().file("a", DATA).tar();
        TarReader reader = reader(Arrays.copyOf(tar, 512 + 1024));
        assertTrue(reader.next().isFile());
        assertNull(reader.next());
    }

    @Test
    void archiveCutInsideAnEntryNamesTheEntry() throws IOException {
        byte[] tar = new TarWriter().file("set/a.bin", DATA).tar();
        TarReader reader = reader(Arrays.copyOf(tar, 612));
        reader.next();
        DataException e = assertThrows(DataException.class, reader::content);
        assertEquals("set.tar ends inside set/a.bin at byte 612", e.getMessage());
    }

    @Test
    void archiveCutInsideAHeaderSaysWhere() throws IOException {
        byte[] tar = new TarWriter().file("a", new byte[0]).file("b", new byte[0]).tar();
        TarReader reader = reader(Arrays.copyOf(tar, 700));
        assertFalse(reader.next().name().isEmpty());
        DataException e = assertThrows(DataException.class, reader::next);
        assertEquals("set.tar ends inside the tar header at byte 512", e.getMessage());
    }

    private static TarReader reader(byte[] tar) {
        return new TarReader(new ByteArrayInputStream(tar), ARCHIVE);
    }

    private static void fixChecksum(byte[] tar) {
        Arrays.fill(tar, 148, 156, (byte) ' ');
        int sum = 0;
        for (int i = 0; i < 512; i++) {
            sum += tar[i] & 0xFF;
        }
        byte[] field = String.format("%06o", sum).getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(field, 0, tar, 148, 6);
        tar[154] = 0;
    }
}
