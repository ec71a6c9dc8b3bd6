package org.dcganstudio.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.dcganstudio.core.model.ModelConfig;
import org.dcganstudio.core.render.GeneratorWeights;
import org.dcganstudio.core.training.Checkpoint;
import org.dcganstudio.core.usecase.GeneratorLoading;
import org.dcganstudio.core.usecase.LoadedDiscriminator;
import org.dcganstudio.core.usecase.LoadedGenerator;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code export-weights}: a checkpoint's G and D as PyTorch-loadable {@code .safetensors}, or a
 * {@code torch.save} generator converted to one (read without running anything from it).
 */
@Command(name = "export-weights", mixinStandardHelpOptions = true,
        description = "Write a checkpoint's G and/or D as .safetensors with pytorch/examples keys "
                + "(load in PyTorch with load_state_dict(safetensors.torch.load_file(...))), "
                + "or convert a torch.save generator (--weights G.pt --g-out G.safetensors).")
final class ExportWeightsCommand implements Callable<Integer> {

    @Option(names = "--checkpoint", description = "a checkpoint file, or a run directory (its latest checkpoint)")
    Path checkpoint;

    @Option(names = "--weights", description = "instead of --checkpoint: a generator's state dict (.pt/.pth from "
            + "torch.save, or .safetensors; pytorch/examples keys), checked and written to --g-out")
    Path weights;

    @Option(names = "--g-out", description = "where to write G's state dict")
    Path gOut;

    @Option(names = "--d-out", description = "where to write D's state dict")
    Path dOut;

    @Option(names = "--model-out", description = "write a weights-only checkpoint with G and D in half precision "
            + "(what assets/default-model ships: samples and explores, cannot be resumed)")
    Path modelOut;

    @Override
    public Integer call() throws Exception {
        if ((checkpoint == null) == (weights == null)) {
            throw new IllegalArgumentException("give --checkpoint CHECKPOINT_OR_RUN_DIR or --weights G.pt, one of them");
        }
        if (weights != null) {
            return convertGenerator();
        }
        if (gOut == null && dOut == null && modelOut == null) {
            throw new IllegalArgumentException("nothing to write: give --g-out, --d-out and/or --model-out");
        }
        Checkpoint ckpt = Checkpoint.read(checkpoint);
        if (modelOut != null) {
            Checkpoint.writeWeightsOnly(modelOut, ckpt);
            System.out.println("wrote " + modelOut + " (weights only, float16, step " + ckpt.step() + ")");
        }
        ModelConfig config = ckpt.config().model();
        if (gOut != null) {
            try (LoadedGenerator g = LoadedGenerator.load(ckpt, "cpu")) {
                g.save(gOut);
            }
            System.out.println("wrote " + gOut);
        }
        if (dOut != null) {
            try (LoadedDiscriminator d = LoadedDiscriminator.load(ckpt, "cpu")) {
                d.save(dOut);
            }
            System.out.println("wrote " + dOut);
        }
        printModel(config);
        return 0;
    }

    /** G's architecture is read from its shapes, D's is not (its size needs the images): D.pth goes to score directly. */
    private int convertGenerator() throws Exception {
        if (gOut == null || dOut != null || modelOut != null) {
            throw new IllegalArgumentException("--weights converts a generator: give --g-out G.safetensors only "
                    + "(score --weights reads a D's .pt/.pth as it is)");
        }
        GeneratorWeights w = GeneratorLoading.importPyTorch(weights);
        try (LoadedGenerator g = LoadedGenerator.load(w, "cpu")) {
            g.save(gOut);
        }
        System.out.println("wrote " + gOut);
        printModel(w.config());
        return 0;
    }

    private static void printModel(ModelConfig config) {
        System.out.println("model: image_size " + config.imageSize() + ", channels " + config.channels() + ", nz "
                + config.nz() + ", ngf " + config.ngf() + ", ndf " + config.ndf());
    }
}
