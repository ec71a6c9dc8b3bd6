package org.dcganstudio.core.interop;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import org.dcganstudio.core.interop.TorchPickleResolver.TensorRef;
import org.dcganstudio.core.interop.TorchStateDicts.StorageType;
import org.dcganstudio.core.interop.TorchStateDicts.Tensor;

/**
 * Copies a tensor out of its storage in row-major order, honouring its offset and strides (a
 * transposed or sliced tensor is saved as a view of a bigger storage), after checking that every
 * element it reaches lies inside the storage.
 */
final class TensorGather {

    private TensorGather() {}

    static Tensor gather(String key, TensorRef t, StorageType type, ByteBuffer storage, Path file) throws IOException {
        long[] shape = t.shape();
        long[] stride = t.stride();
        if (shape.length > TorchStateDicts.MAX_DIMS || stride.length != shape.length) {
            throw new IOException(file + ": key '" + key + "' has " + shape.length + " dimensions and " + stride.length
                    + " strides (at most " + TorchStateDicts.MAX_DIMS + " dimensions are read)");
        }
        long numel = 1;
        long last = t.offset();
        try {
            for (int d = 0; d < shape.length; d++) {
                numel = Math.multiplyExact(numel, shape[d]);
                if (shape[d] > 0) {
                    last = Math.addExact(last, Math.multiplyExact(shape[d] - 1, stride[d]));
                }
            }
        } catch (ArithmeticException e) {
            throw new IOException(file + ": key '" + key + "' has a size or stride that overflows a long");
        }
        if (numel > 0 && last >= t.storage().numel()) {
            throw new IOException(file + ": key '" + key + "' reaches element " + last + " of storage "
                    + t.storage().key() + ", which holds " + t.storage().numel());
        }
        if (numel * 4 > TorchZip.MAX_STORAGE_BYTES) {
            throw new IOException(file + ": key '" + key + "' has " + numel + " elements, more than the limit of "
                    + TorchZip.MAX_STORAGE_BYTES / 4);
        }
        int n = (int) numel;
        float[] floats = type == StorageType.LONG ? null : new float[n];
        long[] longs = type == StorageType.LONG ? new long[n] : null;
        if (type == StorageType.FLOAT && rowMajor(shape, stride)) {
            // what torch.save writes for almost every state dict tensor: one bulk copy
            storage.slice(Math.toIntExact(t.offset() * 4), n * 4).order(storage.order()).asFloatBuffer().get(floats);
            return new Tensor(shape, floats, null);
        }
        int[] index = new int[shape.length];
        long at = t.offset();
        for (int i = 0; i < n; i++) {
            int byteAt = Math.toIntExact(at * type.bytes);
            switch (type) {
                case FLOAT -> floats[i] = storage.getFloat(byteAt);
                case HALF -> floats[i] = halfToFloat(storage.getShort(byteAt));
                case DOUBLE -> floats[i] = (float) storage.getDouble(byteAt);
                case LONG -> longs[i] = storage.getLong(byteAt);
            }
            // odometer over the dimensions, last fastest, moving the storage position by each stride
            for (int d = shape.length - 1; d >= 0; d--) {
                at += stride[d];
                if (++index[d] < shape[d]) {
                    break;
                }
                at -= stride[d] * shape[d];
                index[d] = 0;
            }
        }
        return new Tensor(shape, floats, longs);
    }

    private static boolean rowMajor(long[] shape, long[] stride) {
        long expected = 1;
        for (int d = shape.length - 1; d >= 0; d--) {
            if (shape[d] != 1 && stride[d] != expected) {
                return false;
            }
            expected *= shape[d];
        }
        return true;
    }

    /** IEEE 754 binary16 to binary32, exactly (Float.float16ToFloat arrived after JDK 17). */
    static float halfToFloat(short h) {
        int bits = h & 0xffff;
        int sign = (bits & 0x8000) << 16;
        int exp = (bits >>> 10) & 0x1f;
        int mant = bits & 0x3ff;
        if (exp == 0x1f) {
            return Float.intBitsToFloat(sign | 0x7f80_0000 | mant << 13);
        }
        if (exp == 0) {
            if (mant == 0) {
                return Float.intBitsToFloat(sign);
            }
            float v = mant * 0x1p-24f; // subnormal: mant × 2^-24, exact in float32
            return sign != 0 ? -v : v;
        }
        return Float.intBitsToFloat(sign | (exp + 112) << 23 | mant << 13);
    }
}
