/**
 * The studio's ViewModels and what they share: JavaFX properties and collections, commands and
 * validation, deciding what happens; no nodes and no engine (ArchUnit rules in
 * {@code ArchitectureTest} hold both), so they are unit-tested without a window or native memory.
 * They reach the core through its use cases ({@code core.usecase}), the training session and the
 * renderer, each behind an interface with a same-thread implementation; slow work goes through
 * {@link org.dcganstudio.app.BackgroundTasks}, with progress and cancel. Views bind to them.
 */
package org.dcganstudio.app;
