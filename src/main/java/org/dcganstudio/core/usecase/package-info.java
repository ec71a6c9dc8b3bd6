/**
 * The core's front door: the use cases the command line and the studio's ViewModels both call, so
 * that neither builds networks or touches the engine itself. A generator is loaded here from any of
 * its origins (checkpoint or run directory, the shipped default model, PyTorch weights, a training's
 * copy) and put on a device here; directions, the memorisation check, attribute fills and the
 * self-test run here. Each is implemented once; its callers only parse options or hold properties.
 */
package org.dcganstudio.core.usecase;
