package org.dcganstudio.cli;

import org.dcganstudio.core.model.LatentPrior;
import org.dcganstudio.core.model.ModelConfig;
import picocli.CommandLine.Option;

/** The architecture options every command shares; unset ones take the reference's values. */
final class ModelOptions {

    @Option(names = "--image-size", description = "28 or a power of two in [32, 256] (default 64)")
    Integer imageSize;

    @Option(names = "--channels", description = "1 (grey) or 3 (RGB) (default 3)")
    Integer channels;

    @Option(names = "--nz", description = "latent size (default 100)")
    Integer nz;

    @Option(names = "--ngf", description = "generator feature maps (default 64)")
    Integer ngf;

    @Option(names = "--ndf", description = "discriminator feature maps (default 64)")
    Integer ndf;

    @Option(names = "--z-prior", description = "normal (reference) or uniform in [-1, 1] (paper) (default normal)")
    String zPrior;

    /** Whether the user set any of them. */
    boolean anySet() {
        return imageSize != null || channels != null || nz != null || ngf != null || ndf != null || zPrior != null;
    }

    /** The configuration, with the reference's defaults and an inferred image size where given. */
    ModelConfig toConfig(Integer inferredImageSize) {
        ModelConfig r = ModelConfig.REFERENCE;
        int size = imageSize != null ? imageSize : inferredImageSize != null ? inferredImageSize : r.imageSize();
        return new ModelConfig(size, channels != null ? channels : r.channels(), nz != null ? nz : r.nz(),
                ngf != null ? ngf : r.ngf(), ndf != null ? ndf : r.ndf(),
                zPrior != null ? LatentPrior.parse(zPrior) : r.zPrior());
    }
}
