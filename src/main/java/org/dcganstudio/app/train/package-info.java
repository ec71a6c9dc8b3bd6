/**
 * The Train view's ViewModels: the data-set chooser, the hyper-parameter form with its validation
 * and paper defaults, and the live state of the training session (charts, grids, timeline,
 * controls) pulled from its snapshots at the view's pace.
 */
package org.dcganstudio.app.train;
