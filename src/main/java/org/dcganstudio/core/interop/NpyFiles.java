package org.dcganstudio.core.interop;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.dcganstudio.core.io.AtomicFiles;
import org.dcganstudio.core.io.UserFiles;

/**
 * NumPy {@code .npy} files of float32 arrays, the currency for latents and images between the studio
 * and Python. Reading goes through DJL's {@code NDList.decode}; DJL's {@code .npy} writer is not
 * public, so writing is done here (format version 1.0, little-endian {@code <f4}, C order).
 */
public final class NpyFiles {

    private NpyFiles() {}

    /**
     * Reads a float array; float64 and float16 are converted to float32.
     *
     * @throws IOException naming the file when it is missing, not {@code .npy} or not floating point
     */
    public static NDArray read(Path file, NDManager manager) throws IOException {
        byte[] bytes = UserFiles.readAll(file);
        if (bytes.length < 10 || bytes[0] != (byte) 0x93 || bytes[1] != 'N' || bytes[2] != 'U' || bytes[3] != 'M') {
            throw new IOException(file + ": not a .npy file (no \\x93NUMPY magic)");
        }
        NDArray array;
        try {
            array = NDList.decode(manager, bytes).singletonOrThrow();
        } catch (RuntimeException e) {
            throw new IOException(file + ": unreadable .npy (" + e.getMessage() + ")");
        }
        DataType type = array.getDataType();
        if (type == DataType.FLOAT32) {
            return array;
        }
        if (type.isFloating()) {
            NDArray converted = array.toType(DataType.FLOAT32, false);
            array.close();
            return converted;
        }
        array.close();
        throw new IOException(file + ": expected a float32 array, got " + type);
    }

    /** Writes a float32 array as {@code .npy}, atomically. */
    public static void write(Path file, NDArray array) throws IOException {
        NDArray f = array.getDataType() == DataType.FLOAT32 ? array : array.toType(DataType.FLOAT32, false);
        write(file, f.toFloatArray(), f.getShape());
    }

    /** Writes float32 data of the given shape as {@code .npy}, atomically. */
    public static void write(Path file, float[] data, Shape shape) throws IOException {
        if (shape.size() != data.length) {
            throw new IllegalArgumentException("shape " + shape + " does not hold " + data.length + " values");
        }
        AtomicFiles.write(file, out -> encode(out, data, shape));
    }

    static void encode(OutputStream out, float[] data, Shape shape) throws IOException {
        StringBuilder dims = new StringBuilder();
        for (long d : shape.getShape()) {
            dims.append(d).append(", ");
        }
        if (shape.dimension() > 1) {
            dims.setLength(dims.length() - 2);
        } else if (shape.dimension() == 0) {
            dims.setLength(0);
        }
        String dict = "{'descr': '<f4', 'fortran_order': False, 'shape': (" + dims + "), }";
        int unpadded = 10 + dict.length() + 1;
        int total = (unpadded + 63) / 64 * 64;
        String header = dict + " ".repeat(total - unpadded) + "\n";
        ByteBuffer head = ByteBuffer.allocate(10).order(ByteOrder.LITTLE_ENDIAN);
        head.put((byte) 0x93).put("NUMPY".getBytes(StandardCharsets.US_ASCII)).put((byte) 1).put((byte) 0);
        head.putShort((short) header.length());
        out.write(head.array());
        out.write(header.getBytes(StandardCharsets.US_ASCII));
        ByteBuffer body = ByteBuffer.allocate(data.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        body.asFloatBuffer().put(data);
        out.write(body.array());
    }
}
