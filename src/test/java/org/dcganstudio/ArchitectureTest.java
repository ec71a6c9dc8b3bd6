package org.dcganstudio;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideOutsideOfPackages;
import static com.tngtech.archunit.core.domain.properties.HasName.Predicates.name;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * Layer rules, checked on the compiled main classes: core ← app ← ui, and the command line beside
 * them on the core. Bytecode sees what a text search of the sources misses: fully qualified names,
 * and types reached through a chain of calls without an import.
 */
@AnalyzeClasses(packages = "org.dcganstudio", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    private static final String CORE = "org.dcganstudio.core..";
    private static final String APP = "org.dcganstudio.app..";
    private static final String UI = "org.dcganstudio.ui..";
    private static final String CLI = "org.dcganstudio.cli..";

    /** The {@code studio} command, the command line's one way into the desktop studio. */
    private static final String STUDIO_COMMAND = "org.dcganstudio.cli.StudioCommand";
    private static final String STUDIO_LAUNCHER = "org.dcganstudio.ui.StudioLauncher";

    @ArchTest
    static final ArchRule coreStandsAlone = noClasses().that().resideInAPackage(CORE)
            .should().dependOnClassesThat().resideInAnyPackage(APP, UI, CLI, "javafx..")
            .because("the core (data, models, training, export) runs headless under the command line and in tests,"
                    + " and every front end builds on it, not the other way round");

    @ArchTest
    static final ArchRule viewModelsHoldPropertiesButNoNodes = noClasses().that().resideInAPackage(APP)
            .should().dependOnClassesThat().resideInAnyPackage(UI, CLI, "javafx.scene..", "javafx.stage..",
                    "javafx.application..", "javafx.animation..")
            .because("ViewModels are tested without a window or FX thread: they expose javafx.beans properties"
                    + " and collections, and the Views in org.dcganstudio.ui own nodes, stages and timelines");

    @ArchTest
    static final ArchRule viewsReachTheCoreOnlyThroughViewModels = noClasses().that().resideInAPackage(UI)
            .should().dependOnClassesThat().resideInAPackage(CORE)
            .because("Views bind to ViewModels in org.dcganstudio.app, which are tested without a window;"
                    + " logic reached from a View directly would not be");

    @ArchTest
    static final ArchRule commandLineNeedsNoJavaFx = noClasses().that().resideInAPackage(CLI)
            .should().dependOnClassesThat().resideInAPackage("javafx..")
            .because("every command but studio runs on machines without a display or the JavaFX runtime,"
                    + " and the studio command starts JavaFX only through org.dcganstudio.ui");

    @ArchTest
    static final ArchRule onlyTheStudioCommandReachesTheStudio = noClasses().that().resideInAPackage(CLI)
            .and().doNotHaveFullyQualifiedName(STUDIO_COMMAND)
            .should().dependOnClassesThat().resideInAnyPackage(APP, UI)
            .because("the commands run on the core; the studio's ViewModels and Views are not their library");

    @ArchTest
    static final ArchRule theStudioCommandOnlyLaunches = classes().that().haveFullyQualifiedName(STUDIO_COMMAND)
            .should().onlyDependOnClassesThat(resideOutsideOfPackages(APP, UI)
                    .or(name(STUDIO_LAUNCHER)))
            .because("the studio command opens the window (StudioLauncher), and nothing of the studio beyond"
                    + " that: its self-test is a core use case like every other command's work");

    @ArchTest
    static final ArchRule viewModelsLeaveTheEngineToTheCore = noClasses().that().resideInAPackage(APP)
            .should().dependOnClassesThat().resideInAPackage("ai.djl..")
            .because("the core's front door (org.dcganstudio.core.usecase) owns the engine: NDArrays, managers"
                    + " and devices; ViewModels hold plain Java and JavaFX values, so they decide and are tested"
                    + " without native memory");
}
