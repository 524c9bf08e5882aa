package io.barrage.engine.arch;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The engine's packages depend on each other in one direction. Plan records ({@code model}) use
 * the load curves ({@code pattern}); the runtime ({@code user}) uses the records; none points back.
 */
class PackageCyclesTest {
    /**
     * The packages held free of cycles, as slices of {@code io.barrage.engine.(*)..}. To hold all
     * of the engine, widen this to {@code "io.barrage.engine.(*).."}.
     */
    static final String SLICES = "io.barrage.engine.(model|pattern|user)..";

    static final JavaClasses ENGINE = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.barrage.engine");

    @Test
    void modelPatternAndUserHaveNoCycles() {
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
