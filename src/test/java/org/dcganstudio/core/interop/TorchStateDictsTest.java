package org.dcganstudio.core.interop;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.dcganstudio.core.interop.TorchStateDicts.Tensor;
import org.dcganstudio.core.model.LatentPrior;
import org.dcganstudio.core.model.ModelConfig;
import org.dcganstudio.testing.Fixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** torch.save files (scripts/make_pickle_fixtures.py) read exactly, and nothing in them run. */
class TorchStateDictsTest {

    @TempDir
    Path dir;

    @ParameterizedTest
    @CsvSource({"G.pt, G_expected", "G_dataparallel.pt, G_expected", "G_noncontig.pt, G_expected",
        "G_proto4.pt, G_expected", "G_parameters.pt, G_expected",
        "G_half.pt, G_half_expected", "D.pth, D_expected"})
    void readsTheTensorsTorchSavedExactly(String file, String expected) throws Exception {
        Map<String, Tensor> read = TorchStateDicts.read(fixture(file));
        Map<String, Tensor> want = safetensors(TorchStateDicts.asSafetensors(fixture(expected + ".safetensors")));
        assertEquals(want.keySet().stream().toList(), read.keySet().stream().toList());
        for (String key : want.keySet()) {
            assertArrayEquals(want.get(key).shape(), read.get(key).shape(), key);
            assertArrayEquals(want.get(key).floats(), read.get(key).floats(), key);
            assertArrayEquals(want.get(key).longs(), read.get(key).longs(), key);
        }
    }

    @Test
    void convertsToSafetensorsTheStudioLoads() throws Exception {
        Map<String, Tensor> converted = safetensors(TorchStateDicts.asSafetensors(fixture("G_noncontig.pt")));
        Map<String, Tensor> want = safetensors(Files.readAllBytes(fixture("G_expected.safetensors")));
        assertEquals(want.keySet(), converted.keySet());
        assertArrayEquals(want.get("main.0.weight").floats(), converted.get("main.0.weight").floats());
        assertArrayEquals(want.get("main.1.num_batches_tracked").longs(),
                converted.get("main.1.num_batches_tracked").longs());
    }

    @Test
    void shapesComeFromEitherFormat() throws Exception {
        ModelConfig tiny = new ModelConfig(32, 1, 4, 2, 2, LatentPrior.NORMAL);
        assertEquals(tiny, StateDictShapes.generatorConfig(fixture("G_expected.safetensors")));
        assertEquals(tiny, StateDictShapes.generatorConfig(fixture("G_dataparallel.pt")));
        assertEquals(32, StateDictShapes.generatorImageSize(fixture("G_half.pt")));
        assertNull(StateDictShapes.generatorImageSize(fixture("D.pth")));
    }

    @Test
    void refusesCodeInThePickleNamingTheGlobal() throws Exception {
        IOException e = assertThrows(IOException.class, () -> TorchStateDicts.asSafetensors(fixture("evil_os_system.pt")));
        assertTrue(e.getMessage().contains("evil_os_system.pt") && e.getMessage().contains("'posix.system'"),
                e.getMessage());

        byte[] eval = new TorchArchives().op(0x80, 2).global("builtins", "eval").str("1+1").op(0x85, 'R', '.').bytes();
        Path file = TorchArchives.zip(dir.resolve("eval.pt"), eval, Map.of());
        e = assertThrows(IOException.class, () -> TorchStateDicts.asSafetensors(file));
        assertTrue(e.getMessage().contains("'builtins.eval'"), e.getMessage());
    }

    @Test
    void refusesCallingAnAllowedStorageType() throws Exception {
        byte[] call = new TorchArchives().op(0x80, 2).global("torch", "FloatStorage").op(')', 'R', '.').bytes();
        Path file = TorchArchives.zip(dir.resolve("call.pt"), call, Map.of());
        IOException e = assertThrows(IOException.class, () -> TorchStateDicts.asSafetensors(file));
        assertTrue(e.getMessage().contains("calls torch.FloatStorage"), e.getMessage());
    }

    @Test
    void refusesLegacyFilesSayingHowToResave() {
        IOException e = assertThrows(IOException.class, () -> TorchStateDicts.asSafetensors(fixture("legacy.pt")));
        assertTrue(e.getMessage().contains("legacy.pt: a legacy torch.save file")
                && e.getMessage().contains("torch.save(torch.load(f, weights_only=True), 'G.pt')"), e.getMessage());
    }

    @Test
    void aSafetensorsHeaderOf128BytesIsNotTakenForALegacyPickle() throws Exception {
        byte[] json = String.format("%-128s", "{\"__metadata__\":{\"a\":\"b\"}}").getBytes(StandardCharsets.UTF_8);
        byte[] file = ByteBuffer.allocate(8 + json.length).order(ByteOrder.LITTLE_ENDIAN).putLong(json.length).put(json)
                .array();
        Path st = Files.write(dir.resolve("G.safetensors"), file);
        assertArrayEquals(file, TorchStateDicts.asSafetensors(st));
    }

    @Test
    void honoursOffsetsStridesAndBigEndianStorages() throws Exception {
        // a 2×2 view at offset 1, transposed: storage [9, 1, 2, 3, 4] → [[1, 3], [2, 4]]
        byte[] pickle = TorchArchives.oneTensor("w", "FloatStorage", 5, 1, new int[] {2, 2}, new int[] {1, 2});
        Path big = TorchArchives.zip(dir.resolve("big.pt"), pickle, Map.of("byteorder",
                "big".getBytes(StandardCharsets.US_ASCII), "data/0", TorchArchives.floats(ByteOrder.BIG_ENDIAN, 9, 1, 2, 3, 4)));
        Tensor t = TorchStateDicts.read(big).get("w");
        assertArrayEquals(new long[] {2, 2}, t.shape());
        assertArrayEquals(new float[] {1, 3, 2, 4}, t.floats());

        // contiguous at offset 1, little-endian: the bulk copy starts at the offset
        byte[] rowMajor = TorchArchives.oneTensor("w", "FloatStorage", 5, 1, new int[] {2, 2}, new int[] {2, 1});
        Path little = TorchArchives.zip(dir.resolve("little.pt"), rowMajor,
                Map.of("data/0", TorchArchives.floats(ByteOrder.LITTLE_ENDIAN, 9, 1, 2, 3, 4)));
        assertArrayEquals(new float[] {1, 2, 3, 4}, TorchStateDicts.read(little).get("w").floats());
    }

    @Test
    void refusesAViewPastItsStorage() throws Exception {
        byte[] pickle = TorchArchives.oneTensor("w", "FloatStorage", 4, 1, new int[] {2, 2}, new int[] {2, 1});
        Path file = TorchArchives.zip(dir.resolve("past.pt"), pickle,
                Map.of("data/0", TorchArchives.floats(ByteOrder.LITTLE_ENDIAN, 1, 2, 3, 4)));
        IOException e = assertThrows(IOException.class, () -> TorchStateDicts.read(file));
        assertTrue(e.getMessage().contains("key 'w' reaches element 4 of storage 0, which holds 4"), e.getMessage());
    }

    @Test
    void refusesAStorageShorterThanItsCount() throws Exception {
        byte[] pickle = TorchArchives.oneTensor("w", "FloatStorage", 1_000_000, 0, new int[] {2}, new int[] {1});
        Path file = TorchArchives.zip(dir.resolve("short.pt"), pickle,
                Map.of("data/0", TorchArchives.floats(ByteOrder.LITTLE_ENDIAN, 1, 2)));
        IOException e = assertThrows(IOException.class, () -> TorchStateDicts.read(file));
        assertTrue(e.getMessage().contains("storage 0 has 8 bytes, its tensors need 4000000"), e.getMessage());
    }

    @Test
    void refusesAStorageClaimingMoreThanTheLimitBeforeReadingIt() throws Exception {
        int numel = (int) (TorchZip.MAX_STORAGE_BYTES / 4 + 1);
        byte[] pickle = TorchArchives.oneTensor("w", "FloatStorage", numel, 0, new int[] {2}, new int[] {1});
        Path file = TorchArchives.zip(dir.resolve("huge.pt"), pickle,
                Map.of("data/0", TorchArchives.floats(ByteOrder.LITTLE_ENDIAN, 1, 2)));
        IOException e = assertThrows(IOException.class, () -> TorchStateDicts.read(file));
        assertTrue(e.getMessage().contains("huge.pt: the storages add up to more than the limit of 1073741824"),
                e.getMessage());
    }

    @Test
    void refusesOtherStorageTypesByName() throws Exception {
        byte[] pickle = TorchArchives.oneTensor("main.0.weight", "ByteStorage", 2, 0, new int[] {2}, new int[] {1});
        Path file = TorchArchives.zip(dir.resolve("bytes.pt"), pickle, Map.of("data/0", new byte[2]));
        IOException e = assertThrows(IOException.class, () -> TorchStateDicts.read(file));
        assertTrue(e.getMessage().contains("key 'main.0.weight' is stored as torch.ByteStorage"), e.getMessage());
    }

    @Test
    void refusesLengthsLongerThanThePickle() throws Exception {
        byte[] pickle = new TorchArchives().op(0x80, 2, 'X', 0xff, 0xff, 0xff, 0x7f).op(new byte[16]).bytes();
        Path file = TorchArchives.zip(dir.resolve("long.pt"), pickle, Map.of());
        IOException e = assertThrows(IOException.class, () -> TorchStateDicts.read(file));
        assertTrue(e.getMessage().contains("a length of 2147483647 bytes, but only 16 are left"), e.getMessage());
    }

    @Test
    void refusesUnknownOpcodesAndOversizedIntegers() throws Exception {
        Path pop = TorchArchives.zip(dir.resolve("pop.pt"), new TorchArchives().op(0x80, 2, 'N', '0', '.').bytes(), Map.of());
        IOException e = assertThrows(IOException.class, () -> TorchStateDicts.read(pop));
        assertTrue(e.getMessage().contains("unsupported pickle opcode 0x30 at byte 3"), e.getMessage());
        Path long1 = TorchArchives.zip(dir.resolve("long1.pt"), new TorchArchives().op(0x80, 2, 0x8a, 9).op(new byte[9])
                .op('.').bytes(), Map.of());
        e = assertThrows(IOException.class, () -> TorchStateDicts.read(long1));
        assertTrue(e.getMessage().contains("an integer of 9 bytes (at most 8"), e.getMessage());
    }

    @Test
    void stripsAWrapperPrefixOnlyWhenEveryKeyHasIt() {
        Map<String, Integer> wrapped = new LinkedHashMap<>();
        wrapped.put("module.netG.main.0.weight", 1);
        wrapped.put("module.netG.main.1.bias", 2);
        assertEquals(java.util.List.of("main.0.weight", "main.1.bias"),
                TorchStateDicts.stripWrapperPrefixes(wrapped).keySet().stream().toList());
        Map<String, Integer> mixed = new LinkedHashMap<>();
        mixed.put("module.main.0.weight", 1);
        mixed.put("main.1.bias", 2);
        assertEquals(mixed.keySet(), TorchStateDicts.stripWrapperPrefixes(mixed).keySet());
    }

    @Test
    void widensHalfPrecisionExactly() {
        assertEquals(1.0f, TensorGather.halfToFloat((short) 0x3c00));
        assertEquals(-2.0f, TensorGather.halfToFloat((short) 0xc000));
        assertEquals(0x1p-24f, TensorGather.halfToFloat((short) 0x0001));
        assertEquals(65504f, TensorGather.halfToFloat((short) 0x7bff));
        assertEquals(Float.NEGATIVE_INFINITY, TensorGather.halfToFloat((short) 0xfc00));
    }

    private static Path fixture(String name) {
        return Fixtures.path("torch_pickle/" + name);
    }

    /** A safetensors file's F32 and I64 tensors, parsed here independently of the studio's loader. */
    static Map<String, Tensor> safetensors(byte[] bytes) {
        ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        int n = (int) b.getLong(0);
        JsonObject header = JsonParser.parseString(new String(bytes, 8, n, StandardCharsets.UTF_8)).getAsJsonObject();
        Map<String, Tensor> out = new LinkedHashMap<>();
        for (String key : header.keySet()) {
            JsonObject e = header.getAsJsonObject(key);
            long[] shape = new long[e.getAsJsonArray("shape").size()];
            for (int i = 0; i < shape.length; i++) {
                shape[i] = e.getAsJsonArray("shape").get(i).getAsLong();
            }
            int start = 8 + n + e.getAsJsonArray("data_offsets").get(0).getAsInt();
            int end = 8 + n + e.getAsJsonArray("data_offsets").get(1).getAsInt();
            ByteBuffer data = b.slice(start, end - start).order(ByteOrder.LITTLE_ENDIAN);
            if (e.get("dtype").getAsString().equals("F32")) {
                float[] f = new float[(end - start) / 4];
                data.asFloatBuffer().get(f);
                out.put(key, new Tensor(shape, f, null));
            } else {
                long[] l = new long[(end - start) / 8];
                data.asLongBuffer().get(l);
                out.put(key, new Tensor(shape, null, l));
            }
        }
        return out;
    }
}
