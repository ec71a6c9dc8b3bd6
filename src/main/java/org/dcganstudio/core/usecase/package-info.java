/**
 * The core's front door: the use cases the command line and the studio's ViewModels both call, so
 * that ViewModels never touch the engine and commands only parse options and report. A generator is
 * loaded here from a checkpoint or run directory, the shipped default model or PyTorch weights (a
 * training's copy arrives as {@code GeneratorWeights} from the session), put on a device here and
 * drawn from; the discriminator likewise; directions, the memorisation check, attribute fills and
 * the self-test run here, each implemented once. (Commands still read their own {@code .npy}
 * inputs into engine arrays.)
 */
package org.dcganstudio.core.usecase;
