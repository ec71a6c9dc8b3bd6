package org.dcganstudio.core.interop;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.dcganstudio.core.io.AtomicFiles;
import org.dcganstudio.core.io.UserFiles;
import org.dcganstudio.core.model.DcganNetwork;
import org.dcganstudio.core.model.StateEntry;

/**
 * G and D weights as {@code .safetensors} with pytorch/examples state-dict keys, so a model moves
 * between the studio and {@code torch.load_state_dict} unchanged. Loading is strict, as PyTorch's:
 * a missing key, an unknown key or a wrong shape is an error naming the key and both shapes, and
 * the network is only changed once the whole file has been checked.
 */
public final class StateDicts {

    private StateDicts() {}

    /** Encodes a network's state dict; half precision stores weights as float16 (counters stay int64). */
    public static byte[] encode(DcganNetwork net, boolean halfPrecision) {
        try (NDManager tmp = net.manager().newSubManager()) {
            NDList list = new NDList();
            for (StateEntry e : net.stateEntries()) {
                NDArray a;
                if (e.isCounter()) {
                    a = tmp.create(e.counterOf().getBatchesTracked());
                } else {
                    a = e.array().toDevice(ai.djl.Device.cpu(), true);
                    a.attach(tmp);
                    if (halfPrecision) {
                        a = a.toType(DataType.FLOAT16, false);
                    }
                }
                a.setName(e.key());
                list.add(a);
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            list.encode(out, NDList.Encoding.SAFETENSORS);
            return out.toByteArray();
        } catch (IOException e) {
            throw new IllegalStateException("encoding a state dict in memory failed", e);
        }
    }

    /** Saves a network's state dict, atomically. */
    public static void save(DcganNetwork net, Path file) throws IOException {
        AtomicFiles.write(file, encode(net, false));
    }

    /** Loads a state dict file into a network, strictly. */
    public static void load(DcganNetwork net, Path file) throws IOException {
        long values = 0;
        for (StateEntry e : net.stateEntries()) {
            values += e.isCounter() ? 1 : e.array().size();
        }
        // float64, the widest dtype PyTorch saves, bounds what a file for this network can hold.
        long limit = 8 + SafetensorsHeader.MAX_HEADER + Double.BYTES * values;
        long size = Files.isRegularFile(file) ? Files.size(file) : 0;
        if (size > limit) {
            throw new IOException(file + ": " + size + " bytes is above the limit of " + limit
                    + " for this model's state dict (its values as float64 and the largest header)");
        }
        byte[] bytes = UserFiles.readAll(file);
        load(net, bytes, file.toString());
    }

    /**
     * Loads encoded safetensors into a network, strictly.
     *
     * @param source the file or entry name used in messages
     * @throws IOException naming {@code source} and the key at fault
     */
    public static void load(DcganNetwork net, byte[] bytes, String source) throws IOException {
        try (NDManager tmp = net.manager().newSubManager()) {
            Map<String, NDArray> found = decode(bytes, source, tmp);
            Map<String, StateEntry> expected = new LinkedHashMap<>();
            for (StateEntry e : net.stateEntries()) {
                expected.put(e.key(), e);
            }
            for (String key : found.keySet()) {
                if (!expected.containsKey(key)) {
                    throw new IOException(source + ": unknown key '" + key + "' (shape " + found.get(key).getShape()
                            + "); this model has no such entry (wrong image size or architecture?)");
                }
            }
            for (StateEntry e : expected.values()) {
                NDArray a = found.get(e.key());
                if (a == null) {
                    throw new IOException(source + ": missing key '" + e.key() + "' (model expects shape "
                            + (e.isCounter() ? new Shape() : e.array().getShape()) + ")");
                }
                Shape want = e.isCounter() ? new Shape() : e.array().getShape();
                if (!a.getShape().equals(want) && !(e.isCounter() && a.size() == 1)) {
                    throw new IOException(source + ": key '" + e.key() + "' has shape " + a.getShape()
                            + " in the file, but the model expects " + want);
                }
                if (!e.isCounter() && !a.getDataType().isFloating()) {
                    throw new IOException(source + ": key '" + e.key() + "' is " + a.getDataType()
                            + ", expected a floating-point array");
                }
                if (!e.isCounter() && a.isNaN().logicalOr(a.isInfinite()).any().getBoolean()) {
                    throw new IOException(source + ": key '" + e.key() + "' holds NaN or infinite values");
                }
            }
            for (StateEntry e : expected.values()) {
                NDArray a = found.get(e.key());
                if (e.isCounter()) {
                    e.counterOf().setBatchesTracked(a.toType(DataType.INT64, false).toLongArray()[0]);
                } else {
                    e.array().set(a.toType(DataType.FLOAT32, false).toFloatArray());
                }
            }
            net.invalidateCaches();
        }
    }

    private static Map<String, NDArray> decode(byte[] bytes, String source, NDManager manager) throws IOException {
        if (bytes.length < 9 || bytes[8] != '{') {
            throw new IOException(source + ": not a safetensors file (no JSON header after the length prefix)");
        }
        SafetensorsHeader.check(bytes, source);
        NDList list;
        try {
            list = NDList.decode(manager, bytes);
        } catch (RuntimeException e) {
            throw new IOException(source + ": corrupt or truncated safetensors file (" + rootMessage(e) + ")");
        }
        Map<String, NDArray> map = new LinkedHashMap<>();
        for (NDArray a : list) {
            map.put(a.getName(), a);
        }
        return map;
    }

    static String rootMessage(Throwable t) {
        while (t.getCause() != null) {
            t = t.getCause();
        }
        return t.getClass().getSimpleName() + (t.getMessage() == null ? "" : ": " + t.getMessage());
    }
}
