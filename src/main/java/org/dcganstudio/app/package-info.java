/**
 * The studio's ViewModels and the services they use: JavaFX properties and collections, commands,
 * validation; no {@code javafx.scene} (a test enforces it), so ViewModels are unit-tested without a
 * window. They talk to the core (training session, data sets); Views bind to them.
 */
package org.dcganstudio.app;
