/**
 * The JavaFX Views: the main window with its menus and status bar, the Train, Explore, Arithmetic
 * and Export views, the chart and sample-grid controls, the background pool that hands results to
 * the FX thread, and the application entry point. Views bind to ViewModels in
 * {@code org.dcganstudio.app} and never reach the core (an ArchUnit rule holds it); the core's
 * services are built by the composition root, {@code app.shell.StudioServices}.
 */
package org.dcganstudio.ui;
