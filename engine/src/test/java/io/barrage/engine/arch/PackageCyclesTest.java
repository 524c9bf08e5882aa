package io.barrage.engine.arch;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The engine's packages depend on each other in one direction. Plan records ({@code model}) use
 * the load curves ({@code pattern}); the runtime ({@code user}) uses the records; outputs, results
 * and control sit above the metrics and summaries they read; none points back.
 */
class PackageCyclesTest {
    /**
     * Every package of the engine, each a slice: none may depend on one that depends back on it
     * (results no longer reads the run it writes; outputs see a RunView, not the Run).
     */
    static final String SLICES = "io.barrage.engine.(*)..";

    static final JavaClasses ENGINE = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.barrage.engine");

    @Test
    void theEnginesPackagesHaveNoCycles() {
        slices().matching(SLICES).should().beFreeOfCycles().check(ENGINE);
    }

    @Test
    void loadCurvesKnowNoPlanRecordsAndPlanRecordsNoRuntime() {
        noClasses().that().resideInAPackage("io.barrage.engine.pattern..")
                .should().dependOnClassesThat().resideInAnyPackage("io.barrage.engine.model..", "io.barrage.engine.user..")
                .check(ENGINE);
        noClasses().that().resideInAPackage("io.barrage.engine.model..")
                .should().dependOnClassesThat().resideInAPackage("io.barrage.engine.user..")
                .check(ENGINE);
    }
}
