/**
 * The Train view's ViewModels: the data-set chooser, the hyper-parameter form (checked by the
 * records the CLI builds), and the shown run pulled from its snapshots at the view's pace, in parts
 * that {@link org.dcganstudio.app.train.TrainViewModel} composes: where the snapshots come from
 * (the studio's training or a followed run directory), the run's progress, the grid timeline, the
 * checkpoint history, the learning-rate editor, and the hand-off of samples to other sections.
 */
package org.dcganstudio.app.train;
