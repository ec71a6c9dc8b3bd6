package org.dcganstudio.cli;

import ai.djl.Device;
import ai.djl.ndarray.NDManager;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.dcganstudio.core.interop.StateDicts;
import org.dcganstudio.core.model.Discriminator;
import org.dcganstudio.core.model.Generator;
import org.dcganstudio.core.model.ModelConfig;
import org.dcganstudio.core.training.Checkpoint;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code export-weights}: a checkpoint's G and D as PyTorch-loadable {@code .safetensors}. */
@Command(name = "export-weights", mixinStandardHelpOptions = true,
        description = "Write a checkpoint's G and/or D as .safetensors with pytorch/examples keys "
                + "(load in PyTorch with load_state_dict(safetensors.torch.load_file(...))).")
final class ExportWeightsCommand implements Callable<Integer> {

    @Option(names = "--checkpoint", required = true, description = "a checkpoint file, or a run directory (its latest checkpoint)")
    Path checkpoint;

    @Option(names = "--g-out", description = "where to write G's state dict")
    Path gOut;

    @Option(names = "--d-out", description = "where to write D's state dict")
    Path dOut;

    @Option(names = "--model-out", description = "write a weights-only checkpoint with G and D in half precision "
            + "(what assets/default-model ships: samples and explores, cannot be resumed)")
    Path modelOut;

    @Override
    public Integer call() throws Exception {
        if (gOut == null && dOut == null && modelOut == null) {
            throw new IllegalArgumentException("nothing to write: give --g-out, --d-out and/or --model-out");
        }
        Checkpoint ckpt = Checkpoint.read(checkpoint);
        if (modelOut != null) {
            Checkpoint.writeWeightsOnly(modelOut, ckpt);
            System.out.println("wrote " + modelOut + " (weights only, float16, step " + ckpt.step() + ")");
        }
        ModelConfig config = ckpt.config().model();
        try (NDManager m = NDManager.newBaseManager(Device.cpu())) {
            if (gOut != null) {
                try (Generator g = new Generator(config, m, 0)) {
                    ckpt.restoreGenerator(g);
                    StateDicts.save(g, gOut);
                }
                System.out.println("wrote " + gOut);
            }
            if (dOut != null) {
                try (Discriminator d = new Discriminator(config, m, 0)) {
                    ckpt.restoreDiscriminator(d);
                    StateDicts.save(d, dOut);
                }
                System.out.println("wrote " + dOut);
            }
        }
        System.out.println("model: image_size " + config.imageSize() + ", channels " + config.channels() + ", nz "
                + config.nz() + ", ngf " + config.ngf() + ", ndf " + config.ndf());
        return 0;
    }
}
