package dev.runplane;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The layering DESIGN.md and STYLE.md describe, checked on the compiled classes. */
class ArchitectureTest {
    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.runplane");

    @Test
    void vaadinIsUsedOnlyInTheUiAndTheApplicationClass() {
        noClasses().that().resideOutsideOfPackage("dev.runplane.ui..")
                .and().doNotHaveFullyQualifiedName(RunplaneApplication.class.getName())
                .should().dependOnClassesThat().resideInAPackage("com.vaadin..")
                .check(CLASSES);
    }

    @Test
    void theCoreImportsNeitherUiNorApi() {
        noClasses().that().resideOutsideOfPackages("dev.runplane.ui..", "dev.runplane.api..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.runplane.ui..", "dev.runplane.api..")
                .check(CLASSES);
    }

    /** The CLI is a client of the REST API like any script: it talks to the server over HTTP and nothing else. */
    @Test
    void theCliDependsOnNoOtherRunplanePackage() {
        noClasses().that().resideInAPackage("dev.runplane.cli..")
                .should().dependOnClassesThat(JavaClass.Predicates.resideInAPackage("dev.runplane..")
                        .and(JavaClass.Predicates.resideOutsideOfPackage("dev.runplane.cli..")))
                .check(CLASSES);
        // and it starts without the server's frameworks: `runplane ps` must not pay for a Spring context
        noClasses().that().resideInAPackage("dev.runplane.cli..")
                .should().dependOnClassesThat().resideInAnyPackage("org.springframework..", "com.vaadin..")
                .check(CLASSES);
    }

    @Test
    void uiAndApiDoNotDependOnEachOther() {
        noClasses().that().resideInAPackage("dev.runplane.ui..")
                .should().dependOnClassesThat().resideInAPackage("dev.runplane.api..")
                .check(CLASSES);
        noClasses().that().resideInAPackage("dev.runplane.api..")
                .should().dependOnClassesThat().resideInAPackage("dev.runplane.ui..")
                .check(CLASSES);
    }
}
