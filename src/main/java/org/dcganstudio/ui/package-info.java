/**
 * The JavaFX Views: the main window, the Train view with its chart and sample-grid controls, and
 * the application entry point. Views bind to ViewModels in {@code org.dcganstudio.app} and never
 * reach the core directly (a test enforces it); the only exception is the composition root,
 * {@link org.dcganstudio.ui.StudioApp}, which builds the session the ViewModels use.
 */
package org.dcganstudio.ui;
