package org.dcganstudio.core.interop;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.dcganstudio.core.interop.TorchPickleResolver.TensorRef;
import org.dcganstudio.core.io.UserFiles;

/**
 * State dicts saved with {@code torch.save} ({@code .pt}/{@code .pth}), read without running
 * anything from them, as safetensors bytes the rest of the studio already loads. Which format a
 * file is comes from its first bytes, not its name: a zip is a {@code torch.save} archive, a bare
 * pickle is the legacy format (refused, with how to re-save), anything else is safetensors.
 */
public final class TorchStateDicts {

    /** Conv weights have 4 dimensions; a tensor with more is not a DCGAN state dict's. */
    static final int MAX_DIMS = 8;

    /**
     * Prefixes that wrappers put before a network's own keys: {@code module.} (DataParallel,
     * DistributedDataParallel), {@code _orig_mod.} (torch.compile) and the attribute names GAN
     * scripts give G and D. Stripped only when every key has the same one.
     */
    private static final Set<String> WRAPPER_PREFIXES = Set.of("module", "_orig_mod", "netG", "netD", "generator",
            "discriminator", "G", "D", "model");

    private static final byte[] ZIP_MAGIC = {'P', 'K', 3, 4};
    private static final int PICKLE_PROTO = 0x80;

    private TorchStateDicts() {}

    /**
     * Whether {@code file} is a {@code torch.save} archive (a zip, the format since PyTorch 1.6);
     * {@code false} means it is to be read as safetensors.
     *
     * @throws IOException for a legacy {@code torch.save} pickle, saying how to re-save it
     */
    public static boolean isTorchSave(Path file) throws IOException {
        byte[] head = head(file);
        // a safetensors header length can start with the byte 0x80 too, but its JSON opens at byte 8
        if (head.length > 0 && (head[0] & 0xff) == PICKLE_PROTO && (head.length < 9 || head[8] != '{')) {
            throw legacy(file);
        }
        return head.length >= 4 && java.util.Arrays.equals(head, 0, 4, ZIP_MAGIC, 0, 4);
    }

    /**
     * A state dict file as safetensors: a {@code torch.save} archive converted (float32, with int64
     * {@code num_batches_tracked}), a safetensors file as it is.
     *
     * @throws IOException naming the file and what is wrong with it
     */
    public static byte[] asSafetensors(Path file) throws IOException {
        return isTorchSave(file) ? SafetensorsWriter.encode(read(file)) : UserFiles.readAll(file);
    }

    /** Key → shape of a {@code torch.save} archive's state dict, wrapper prefixes stripped; no storage is read. */
    public static Map<String, long[]> shapes(Path file) throws IOException {
        try (TorchZip zip = TorchZip.open(file)) {
            Map<String, long[]> shapes = new LinkedHashMap<>();
            tensors(zip, file).forEach((k, t) -> shapes.put(k, t.shape()));
            return shapes;
        }
    }

    /** A tensor read out of an archive, contiguous. */
    record Tensor(long[] shape, float[] floats, long[] longs) {}

    /** Reads a {@code torch.save} archive's state dict, wrapper prefixes stripped, tensors made contiguous. */
    static Map<String, Tensor> read(Path file) throws IOException {
        try (TorchZip zip = TorchZip.open(file)) {
            Map<String, Tensor> out = new LinkedHashMap<>();
            Map<String, byte[]> loaded = new HashMap<>();
            long total = 0;
            long stored = 0;
            for (Map.Entry<String, TensorRef> e : tensors(zip, file).entrySet()) {
                TensorRef t = e.getValue();
                StorageType type = StorageType.of(t.storage().type(), e.getKey(), file);
                long bytes = Math.multiplyExact(t.storage().numel(), (long) type.bytes);
                byte[] raw = loaded.get(t.storage().key());
                if (raw == null) {
                    // counted before reading, so claimed sizes cannot make the reader hold more than the limit
                    stored += bytes;
                    if (stored > TorchZip.MAX_STORAGE_BYTES) {
                        throw new IOException(file + ": the storages add up to more than the limit of "
                                + TorchZip.MAX_STORAGE_BYTES + " bytes");
                    }
                    raw = zip.storage(t.storage().key(), bytes);
                    loaded.put(t.storage().key(), raw);
                }
                Tensor read = TensorGather.gather(e.getKey(), t, type, ByteBuffer.wrap(raw).order(zip.order()), file);
                // the converted state dict is one byte array: its sum is held to the limit of one storage
                total += read.floats() != null ? 4L * read.floats().length : 8L * read.longs().length;
                if (total > TorchZip.MAX_STORAGE_BYTES) {
                    throw new IOException(file + ": the tensors add up to more than the limit of "
                            + TorchZip.MAX_STORAGE_BYTES + " bytes");
                }
                out.put(e.getKey(), read);
            }
            return out;
        } catch (ArithmeticException e) {
            throw new IOException(file + ": a storage size overflows a long");
        }
    }

    private static Map<String, TensorRef> tensors(TorchZip zip, Path file) throws IOException {
        Object root = RestrictedUnpickler.load(zip.pickle(), file + " (data.pkl)", new TorchPickleResolver(file.toString()));
        if (!(root instanceof Map<?, ?> map)) {
            throw new IOException(file + ": holds " + RestrictedUnpickler.describe(root) + ", not a state dict "
                    + "(save model.state_dict())");
        }
        Map<String, TensorRef> tensors = new LinkedHashMap<>();
        for (Map.Entry<?, ?> e : map.entrySet()) {
            if (!(e.getKey() instanceof String key)) {
                throw new IOException(file + ": a state dict key is " + e.getKey() + ", not a string");
            }
            if (!(e.getValue() instanceof TensorRef t)) {
                throw new IOException(file + ": key '" + key + "' holds " + RestrictedUnpickler.describe(e.getValue())
                        + ", not a tensor (save the network's state_dict() itself, not a checkpoint dict)");
            }
            tensors.put(key, t);
        }
        return stripWrapperPrefixes(tensors);
    }

    static <V> Map<String, V> stripWrapperPrefixes(Map<String, V> tensors) {
        while (!tensors.isEmpty()) {
            String first = tensors.keySet().iterator().next();
            int dot = first.indexOf('.');
            String prefix = dot < 0 ? null : first.substring(0, dot + 1);
            if (prefix == null || !WRAPPER_PREFIXES.contains(first.substring(0, dot))
                    || !tensors.keySet().stream().allMatch(k -> k.startsWith(prefix) && k.length() > prefix.length())) {
                return tensors;
            }
            Map<String, V> stripped = new LinkedHashMap<>();
            tensors.forEach((k, v) -> stripped.put(k.substring(prefix.length()), v));
            tensors = stripped;
        }
        return tensors;
    }

    private static IOException legacy(Path file) {
        return new IOException(file + ": a legacy torch.save file (PyTorch before 1.6, or "
                + "_use_new_zipfile_serialization=False), which is not read; re-save it with a current PyTorch: "
                + "torch.save(torch.load(f, weights_only=True), 'G.pt'), or export it to safetensors: "
                + "safetensors.torch.save_file(sd, 'G.safetensors')");
    }

    private static byte[] head(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return in.readNBytes(9);
        } catch (NoSuchFileException e) {
            throw new IOException(file + ": no such file");
        }
    }

    /** The storage types a state dict's weights are read from, and their element sizes. */
    enum StorageType {
        FLOAT(4), HALF(2), DOUBLE(8), LONG(8);

        final int bytes;

        StorageType(int bytes) {
            this.bytes = bytes;
        }

        static StorageType of(String name, String key, Path file) throws IOException {
            switch (name) {
                case "FloatStorage":
                    return FLOAT;
                case "HalfStorage":
                    return HALF;
                case "DoubleStorage":
                    return DOUBLE;
                case "LongStorage":
                    if (key.endsWith("num_batches_tracked")) {
                        return LONG;
                    }
                    break;
                default:
                    break;
            }
            throw new IOException(file + ": key '" + key + "' is stored as torch." + name + "; only float32, "
                    + "float16 and float64 weights (and int64 num_batches_tracked) are read");
        }
    }
}
