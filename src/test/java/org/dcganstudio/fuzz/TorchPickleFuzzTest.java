package org.dcganstudio.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import org.dcganstudio.core.interop.TorchStateDicts;

/**
 * {@code .pt} state dicts (TorchZip, RestrictedUnpickler, TorchPickleResolver). The input is the
 * pickle only, put into a copy of a real {@code torch.save} archive with its storages: mutated zip
 * bytes would nearly all fail the zip's CRCs and never reach the unpickler.
 */
class TorchPickleFuzzTest {

    private static final String PICKLE = "G/data.pkl";

    /** The archive's other entries, from the pytorch/examples generator fixture. */
    private static final Map<String, byte[]> STORAGES = storages();

    @FuzzTest
    void readPickle(byte[] pickle) throws Exception {
        var file = FuzzFiles.write("input.pt", archive(pickle));
        FuzzFiles.refusedClearlyIfBad(() -> TorchStateDicts.asSafetensors(file));
        FuzzFiles.refusedClearlyIfBad(() -> TorchStateDicts.shapes(file));
    }

    private static byte[] archive(byte[] pickle) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            zip.putNextEntry(new ZipEntry(PICKLE));
            zip.write(pickle);
            for (Map.Entry<String, byte[]> e : STORAGES.entrySet()) {
                zip.putNextEntry(new ZipEntry(e.getKey()));
                zip.write(e.getValue());
            }
        }
        return bytes.toByteArray();
    }

    private static Map<String, byte[]> storages() {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        // ZipFile, not ZipInputStream: torch.save stores entries with data descriptors, which the stream refuses
        try (InputStream in = TorchPickleFuzzTest.class.getResourceAsStream("/fixtures/torch_pickle/G.pt");
                ZipFile zip = new ZipFile(FuzzFiles.write("fixture.pt", in.readAllBytes()).toFile())) {
            for (ZipEntry e : java.util.Collections.list(zip.entries())) {
                if (!e.getName().equals(PICKLE)) {
                    try (InputStream entry = zip.getInputStream(e)) {
                        entries.put(e.getName(), entry.readAllBytes());
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return entries;
    }
}
