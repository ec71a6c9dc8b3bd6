/**
 * The studio's training session: one named thread owns the models and the running
 * {@link org.dcganstudio.core.training.TrainingRun}; callers send it {@link
 * org.dcganstudio.core.session.SessionCommand}s through a queue and read the latest immutable
 * {@link org.dcganstudio.core.session.SessionSnapshot} (metrics, sample grid as pixels, state),
 * never an NDArray. Callers see it as a {@link org.dcganstudio.core.session.TrainingService}, so
 * their tests can publish the snapshots they need. Also the reader that follows a run directory
 * another process writes; both are {@link org.dcganstudio.core.session.SnapshotSource}s. Core: no
 * JavaFX, so the same session serves tests and any front end.
 */
package org.dcganstudio.core.session;
