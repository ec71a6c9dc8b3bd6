package org.dcganstudio.core.data.formats;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.dcganstudio.core.data.DataException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TarReaderTest {

    private static final Path ARCHIVE = Path.of("set.tar");
    private static final byte[] DATA = "0123456789".repeat(60).getBytes(StandardCharsets.US_ASCII);
    private static final long LIMIT = 1 << 20;
    /** Longer than a ustar header's name and prefix fields together (100 + 155 bytes). */
    private static final String LONG_NAME = "cifar-10-batches-bin/" + "nested-folder/".repeat(18) + "data_batch_1.bin";

    @Test
    void entriesComeWithFullNamesSizesAndKinds() throws IOException {
        TarWriter writer = new TarWriter().folder("set/").entry("set/deep", "data.bin", '0', DATA);
        byte[] tar = writer.file("set/b", new byte[1]).tar();
        TarReader reader = reader(tar);
        assertEquals(new TarReader.Entry("set/", 0, false), reader.next());
        assertEquals(new TarReader.Entry("set/deep/data.bin", DATA.length, true), reader.next());
        assertArrayEquals(DATA, reader.content(LIMIT, "data"));
        TarReader.Entry last = reader.next();
        assertEquals("set/b", last.name());
        assertNull(reader.next());
    }

    @Test
    void unreadContentIsSkipped() throws IOException {
        TarReader reader = reader(new TarWriter().file("a", DATA).file("b", new byte[] {7}).tar());
        assertEquals("a", reader.next().name());
        assertEquals("b", reader.next().name());
        assertArrayEquals(new byte[] {7}, reader.content(LIMIT, "data"));
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
        DataException e = assertThrows(DataException.class, () -> reader.content(LIMIT, "data"));
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

    @ParameterizedTest
    @ValueSource(ints = {TarArchiveOutputStream.LONGFILE_GNU, TarArchiveOutputStream.LONGFILE_POSIX})
    void longNamesFromGnuAndPaxHeadersAreWhole(int longFileMode) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (TarArchiveOutputStream out = new TarArchiveOutputStream(bytes)) {
            out.setLongFileMode(longFileMode);
            TarArchiveEntry entry = new TarArchiveEntry(LONG_NAME);
            entry.setSize(DATA.length);
            out.putArchiveEntry(entry);
            out.write(DATA);
            out.closeArchiveEntry();
        }
        byte[] tar = bytes.toByteArray();
        char extension = longFileMode == TarArchiveOutputStream.LONGFILE_GNU ? 'L' : 'x';
        assertEquals(extension, (char) tar[156], "the name travels in a record before the entry's header");
        TarReader reader = reader(tar);
        assertEquals(new TarReader.Entry(LONG_NAME, DATA.length, true), reader.next());
        assertArrayEquals(DATA, reader.content(LIMIT, "data"));
        assertNull(reader.next());
    }

    @Test
    void entryOverTheLimitIsRefusedBeforeItIsRead() throws IOException {
        TarReader reader = reader(new TarWriter().file("set/meta.txt", DATA).tar());
        reader.next();
        DataException e = assertThrows(DataException.class, () -> reader.content(DATA.length - 1, "a class list"));
        assertEquals("set.tar: set/meta.txt is 600 bytes, more than a class list can be (599 bytes)", e.getMessage());
        assertArrayEquals(DATA, reader.content(DATA.length, "a class list"), "nothing was consumed");
    }

    @Test
    void linksAreNoFiles() throws IOException {
        TarReader reader = reader(new TarWriter().entry("", "set/data_batch_1.bin", '2', new byte[0]).tar());
        assertFalse(reader.next().isFile());
    }

    @Test
    void archiveCutInsideASkippedEntryNamesTheEntry() throws IOException {
        byte[] tar = new TarWriter().file("set/a.bin", DATA).file("b", DATA).tar();
        TarReader reader = reader(Arrays.copyOf(tar, 700));
        reader.next();
        DataException e = assertThrows(DataException.class, reader::next);
        assertEquals("set.tar ends inside set/a.bin at byte 700", e.getMessage());
    }

    @Test
    void damagedHeaderFailsItsChecksum() throws IOException {
        byte[] tar = new TarWriter().file("a", DATA).file("b", DATA).tar();
        tar[1536 + 1] ^= 1;
        TarReader reader = reader(tar);
        reader.next();
        DataException e = assertThrows(DataException.class, reader::next);
        assertEquals("set.tar is damaged: the tar header at byte 1536 fails its checksum", e.getMessage());
    }

    @Test
    void paxRecordThatTheLibraryRejectsNamesTheArchiveAndHeader() {
        byte[] pax = "30 path=cifar-10-batches-bin\n".getBytes(StandardCharsets.UTF_8); // it is 29 bytes long
        TarReader reader = reader(new TarWriter().entry("", "PaxHeaders/x", 'x', pax).file("a", DATA).tar());
        DataException e = assertThrows(DataException.class, reader::next);
        assertTrue(e.getMessage().startsWith("set.tar is damaged: the tar header at byte 0 cannot be read ("),
                e.getMessage());
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
