package org.dcganstudio.core.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.ZipFile;
import org.dcganstudio.core.io.CheckedZip;
import org.junit.jupiter.api.Test;

/** Corrupt, bombed and oversized checkpoints are refused by name, before their data is held. */
class CheckpointIntegrityTest extends TinyCheckpointFixture {

    private static final String G = "G.safetensors";
    /** Far below the gigabytes a bomb would make the old reader allocate, far above a tiny checkpoint's. */
    private static final long ALLOCATION_BOUND = 32L << 20;

    @Test
    void everyFlippedByteInGsDataIsRefused() throws Exception {
        byte[] bytes = Files.readAllBytes(tiny);
        long compressed;
        try (ZipFile zip = new ZipFile(tiny.toFile())) {
            compressed = zip.getEntry(G).getCompressedSize();
        }
        int data = dataOffset(bytes, G);
        int flips = 40;
        for (int i = 0; i < flips; i++) {
            byte[] flipped = bytes.clone();
            flipped[data + (int) (compressed * i / flips)] ^= (byte) (1 << (i % 8));
            Path file = Files.write(tmp.resolve("flip-" + i + ".ckpt"), flipped);
            IOException e = assertThrows(IOException.class, () -> Checkpoint.read(file), "flip " + i + " loaded");
            assertTrue(e.getMessage().contains(file.toString()) && e.getMessage().contains(G), e.getMessage());
        }
    }

    @Test
    void aZipBombIsRefusedByItsDeclaredSizeWithoutInflating() throws Exception {
        Path bomb = CraftedZip.of(tiny).put(G, CraftedZip.repeated(new byte[1 << 20], 2048))
                .write(tmp.resolve("bomb.ckpt"));
        assertTrue(Files.size(bomb) < 3_000_000, "a ~2 MB file holding 2 GiB");
        IOException e = refusedHoldingLittle(bomb);
        assertTrue(e.getMessage().contains(bomb + "!" + G + ": declares 2147483648 bytes, more than the "),
                e.getMessage());
    }

    @Test
    void aBombUnderALyingSizeIsReadOnlyUpToThatSize() throws Exception {
        CraftedZip zip = CraftedZip.of(tiny);
        long honest = zip.get(G).declaredSize();
        Path bomb = zip.put(G, CraftedZip.repeated(new byte[1 << 20], 2048).declaring(honest))
                .write(tmp.resolve("liar.ckpt"));
        IOException e = refusedHoldingLittle(bomb);
        assertTrue(e.getMessage().contains(G + ": holds more than the " + honest + " bytes its header declares"),
                e.getMessage());
    }

    @Test
    void aHugeMetricsCsvIsRefusedByTheLimitOfItsStep() throws Exception {
        Path huge = CraftedZip.of(tiny).put("metrics.csv", rows(100)).write(tmp.resolve("huge-metrics.ckpt"));
        IOException e = refusedHoldingLittle(huge);
        assertTrue(e.getMessage().contains("metrics.csv: declares 104857600 bytes, more than the 1024 it may hold "
                + "(one row per step up to step 0"), e.getMessage());
    }

    @Test
    void anEntryClaimingFarMoreThanTheWholeFileIsRefused() throws Exception {
        String state = CraftedZip.text(tiny, "state.json").replace("\"step\":0", "\"step\":100000000");
        Path file = CraftedZip.of(tiny).put("state.json", state).put("metrics.csv", rows(100))
                .write(tmp.resolve("long-run.ckpt"));
        IOException e = refusedHoldingLittle(file);
        assertTrue(e.getMessage().contains("metrics.csv: declares 104857600 bytes, more than "
                + CheckedZip.MAX_EXPANSION + " times the whole file's " + Files.size(file)), e.getMessage());
    }

    @Test
    void aCrcThatDoesNotMatchIsRefused() throws Exception {
        CraftedZip zip = CraftedZip.of(tiny);
        CraftedZip.Entry g = zip.get(G);
        Path file = zip.put(G, new CraftedZip.Entry(g.data(), g.declaredSize(), g.crc() ^ 1))
                .write(tmp.resolve("crc.ckpt"));
        IOException e = assertThrows(IOException.class, () -> Checkpoint.read(file));
        assertTrue(e.getMessage().contains(file + "!" + G + ": CRC-32 mismatch"), e.getMessage());
    }

    @Test
    void theCraftedCopyOfAGoodCheckpointStillReads() throws Exception {
        Path copy = CraftedZip.of(tiny).write(tmp.resolve("copy.ckpt"));
        assertEquals(Checkpoint.read(tiny).config(), Checkpoint.read(copy).config());
    }

    /** {@code megabytes} MiB of metrics rows, deflated to a few KiB. */
    private static CraftedZip.Entry rows(int megabytes) {
        byte[] chunk = new byte[1 << 20];
        byte[] row = "1,0,1.38629,0.693147,0.500000,0.500000,0.500000,12.00,0.100\n".getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < chunk.length; i++) {
            chunk[i] = row[i % row.length];
        }
        return CraftedZip.repeated(chunk, megabytes);
    }

    /** Reads a file that must be refused, and checks that refusing it held almost nothing. */
    private static IOException refusedHoldingLittle(Path file) {
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long before = threads.getCurrentThreadAllocatedBytes();
        IOException e = assertThrows(IOException.class, () -> Checkpoint.read(file));
        long allocated = threads.getCurrentThreadAllocatedBytes() - before;
        assertTrue(allocated < ALLOCATION_BOUND, "refusing " + file + " allocated " + allocated + " bytes");
        assertTrue(e.getMessage().startsWith(file.toString()), e.getMessage());
        return e;
    }

    /** Where an entry's data starts: after its local header, found by its name. */
    private static int dataOffset(byte[] zip, String name) {
        byte[] n = name.getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i + 30 + n.length < zip.length; i++) {
            if (zip[i] == 'P' && zip[i + 1] == 'K' && zip[i + 2] == 3 && zip[i + 3] == 4
                    && java.util.Arrays.equals(zip, i + 30, i + 30 + n.length, n, 0, n.length)) {
                int extra = (zip[i + 28] & 0xFF) | (zip[i + 29] & 0xFF) << 8;
                return i + 30 + n.length + extra;
            }
        }
        throw new AssertionError(name + " not found");
    }
}
