package org.dcganstudio.core.interop;

import ai.djl.ndarray.NDArray;
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

/**
 * NumPy {@code .npy} files of float32 arrays, the currency for latents and images between the studio
 * and Python. Both directions are done here: DJL's decoder allocates whatever the header declares
 * and reads big-endian data as little-endian, and its writer is not public. Files are written as
 * format version 1.0, little-endian {@code <f4}, C order.
 */
public final class NpyFiles {

    private NpyFiles() {}

    /**
     * Reads a float array; {@code <f4}, {@code >f4}, {@code <f8} and {@code >f8} are accepted, float64
     * converted to float32. The header and the shape are checked against the file's length before
     * anything of their size is allocated.
     *
     * @throws IOException naming the file, the field and the value when it is missing, not {@code .npy},
     *     of another dtype or order, or shorter or longer than its shape says
     */
    public static NDArray read(Path file, NDManager manager) throws IOException {
        NpyHeader header = NpyHeader.read(file);
        float[] values = NpyHeader.readValues(file, header);
        return manager.create(values, new Shape(header.shape()));
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
