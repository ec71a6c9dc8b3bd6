package org.dcganstudio.core.interop;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NpyFilesTest {

    @TempDir
    Path dir;

    /** A version-1 file with the given header dict and data bytes. */
    static byte[] npy(String dict, byte[] data) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] header = (dict + "\n").getBytes(StandardCharsets.US_ASCII);
        out.writeBytes(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0});
        out.writeBytes(ByteBuffer.allocate(2).order(ByteOrder.LITTLE_ENDIAN).putShort((short) header.length).array());
        out.writeBytes(header);
        out.writeBytes(data);
        return out.toByteArray();
    }

    private Path file(String name, byte[] bytes) throws IOException {
        return Files.write(dir.resolve(name), bytes);
    }

    private float[] read(Path file) throws IOException {
        try (NDManager m = NDManager.newBaseManager(ai.djl.Device.cpu())) {
            NDArray a = NpyFiles.read(file, m);
            assertEquals(new Shape(1, 3), a.getShape());
            return a.toFloatArray();
        }
    }

    private String refused(Path file) {
        try (NDManager m = NDManager.newBaseManager(ai.djl.Device.cpu())) {
            return assertThrows(IOException.class, () -> NpyFiles.read(file, m)).getMessage();
        }
    }

    private static byte[] values(ByteOrder order, boolean doubles, double... v) {
        ByteBuffer b = ByteBuffer.allocate(v.length * (doubles ? 8 : 4)).order(order);
        for (double x : v) {
            if (doubles) {
                b.putDouble(x);
            } else {
                b.putFloat((float) x);
            }
        }
        return b.array();
    }

    @Test
    void readsAllFourFloatDtypesInTheirByteOrder() throws IOException {
        float[] want = {1.5f, -2.25f, 1e-3f};
        for (String descr : new String[] {"<f4", ">f4", "<f8", ">f8"}) {
            ByteOrder order = descr.startsWith("<") ? ByteOrder.LITTLE_ENDIAN : ByteOrder.BIG_ENDIAN;
            byte[] data = values(order, descr.endsWith("8"), 1.5, -2.25, 1e-3);
            Path f = file(descr.replace('<', 'l').replace('>', 'b') + ".npy",
                    npy("{'descr': '" + descr + "', 'fortran_order': False, 'shape': (1, 3), }", data));
            assertArrayEquals(want, read(f), 1e-7f, descr);
        }
    }

    @Test
    void roundTripsWhatItWrites() throws IOException {
        Path f = dir.resolve("w.npy");
        NpyFiles.write(f, new float[] {1, 2, 3}, new Shape(1, 3));
        assertArrayEquals(new float[] {1, 2, 3}, read(f));
    }

    @Test
    void refusesOtherDtypesAndFortranOrderByName() throws IOException {
        String dict = "{'descr': '<i4', 'fortran_order': False, 'shape': (1, 3), }";
        assertTrue(refused(file("i.npy", npy(dict, new byte[12]))).contains("dtype '<i4'"));
        String half = "{'descr': '<f2', 'fortran_order': False, 'shape': (1, 3), }";
        assertTrue(refused(file("h.npy", npy(half, new byte[6]))).contains("dtype '<f2'"));
        String fortran = "{'descr': '<f4', 'fortran_order': True, 'shape': (1, 3), }";
        assertTrue(refused(file("f.npy", npy(fortran, new byte[12]))).contains("fortran_order True"));
    }

    @Test
    void refusesAHugeVersion2HeaderLengthFromTwelveBytes() throws IOException {
        byte[] bytes = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 2, 0, (byte) 0xF0, (byte) 0xFF, (byte) 0xFF, 0x7F};
        String message = refused(file("v2.npy", bytes));
        assertTrue(message.contains("v2.npy: header length 2147483632 bytes is above the limit of "
                + NpyHeader.MAX_HEADER), message);
    }

    @Test
    void refusesAHeaderLengthPastTheEndOfTheFile() throws IOException {
        byte[] bytes = npy("{'descr': '<f4', 'fortran_order': False, 'shape': (1, 3), }", new byte[12]);
        byte[] cut = java.util.Arrays.copyOf(bytes, 40);
        assertTrue(refused(file("cut.npy", cut)).contains("runs past the end of the 40-byte file"));
    }

    @Test
    void refusesAShapeAboveTheLimitOrTheFile() throws IOException {
        String huge = "{'descr': '<f4', 'fortran_order': False, 'shape': (536870911, 100), }";
        String message = refused(file("huge.npy", npy(huge, new byte[400])));
        assertTrue(message.contains("shape (536870911, 100) holds more than the limit of " + NpyHeader.MAX_VALUES),
                message);
        String longer = "{'descr': '<f4', 'fortran_order': False, 'shape': (1000, 100), }";
        message = refused(file("short.npy", npy(longer, new byte[400])));
        assertTrue(message.contains("shape (1000, 100) of '<f4' needs 400000 data bytes, the file holds 400"), message);
        String wrapping = "{'descr': '<f4', 'fortran_order': False, 'shape': (4294967296, 4294967296, 0), }";
        assertTrue(refused(file("wrap.npy", npy(wrapping, new byte[0]))).contains("more than the limit"));
        String digits = "{'descr': '<f4', 'fortran_order': False, 'shape': (99999999999999999999, 1), }";
        assertTrue(refused(file("digits.npy", npy(digits, new byte[0]))).contains("'99999999999999999999'"));
    }
}
