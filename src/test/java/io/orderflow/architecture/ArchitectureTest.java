package io.orderflow.architecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import io.orderflow.platform.DataAccess;
import org.junit.jupiter.api.Test;

import java.util.List;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The module rules of docs/architecture.md ("Modules"), checked on the compiled main classes:
 * no package cycles, each module uses only the modules below it, and a module's table classes
 * ({@link DataAccess}) are used by that module alone.
 */
class ArchitectureTest {

    /** Bottom to top: a module may use those before it in this list, never one after it. */
    static final List<String> MODULES = List.of(
            "platform", "audit", "identity", "catalog", "inventory", "cart", "payment", "ordering", "shipping", "learning",
            "conversation");

    static final JavaClasses MAIN = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.orderflow");

    static final ArchRule NO_CYCLES = slices().matching("io.orderflow.(*)..").should().beFreeOfCycles();

    @Test
    void modulesFormNoCycle() {
        NO_CYCLES.check(MAIN);
    }

    @Test
    void theCycleRuleCatchesACycle() {
        JavaClasses fixture = new ClassFileImporter().importPackages("io.orderflow.architecture.cycle");
        AssertionError failure = assertThrows(AssertionError.class,
                () -> slices().matching("io.orderflow.architecture.cycle.(*)..").should().beFreeOfCycles().check(fixture));
        assertTrue(failure.getMessage().contains("Cycle detected"), failure.getMessage());
    }

    @Test
    void eachModuleUsesOnlyModulesBelowIt() {
        for (int i = 0; i < MODULES.size() - 1; i++) {
            String[] above = MODULES.subList(i + 1, MODULES.size()).stream().map(ArchitectureTest::packageOf).toArray(String[]::new);
            noClasses().that().resideInAPackage(packageOf(MODULES.get(i)))
                    .should().dependOnClassesThat().resideInAnyPackage(above)
                    .because("a lower module that must reach a higher one owns an interface the higher one implements")
                    .check(MAIN);
        }
    }

    @Test
    void tableClassesAreUsedOnlyByTheirModule() {
        for (String module : MODULES) {
            classes().that().areAnnotatedWith(DataAccess.class).and().resideInAPackage(packageOf(module))
                    .should().onlyBeAccessed().byAnyPackage(packageOf(module))
                    .allowEmptyShould(true)
                    .because("other modules reach a module's tables through its services")
                    .check(MAIN);
        }
    }

    private static String packageOf(String module) {
        return "io.orderflow." + module + "..";
    }
}
