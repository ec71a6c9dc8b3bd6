/**
 * The studio shell's ViewModel: the sections, the status bar (device, step, images/s, memory),
 * menu commands and the preferences that persist between launches (last run directory, window
 * layout, theme).
 */
package org.dcganstudio.app.shell;
