package nn.examples.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The module rules as tests, over the shipped classes of every module (this module's tests see them all). The
 * module descriptors hold the same lines at compile time; these say which rule broke, in words.
 */
class ArchitectureTest {

    private static JavaClasses shipped;

    @BeforeAll
    static void importShippedClasses() {
        shipped = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .withImportOption(location -> !location.contains("/nn-conformance/"))
                .importPackages("nn");
    }

    @Test
    void everyModuleIsImported() {
        for (String pkg : new String[] {
            "nn.api",
            "nn.array",
            "nn.reference",
            "nn.simd",
            "nn.core.layers",
            "nn.mnist",
            "nn.safetensors",
            "nn.examples"
        }) {
            assertThat(shipped.containPackage(pkg)).as(pkg).isTrue();
        }
    }

    @Test
    void theApiDependsOnTheJdkAlone() {
        classes()
                .that()
                .resideInAPackage("nn.api..")
                .should()
                .onlyDependOnClassesThat()
                // JSpecify's nullness annotations are compile-time only ("requires static"), not a dependency.
                .resideInAnyPackage("nn.api..", "java..", "org.jspecify.annotations..")
                .because("nn-api has no dependencies: every backend and every layer builds on it alone")
                .check(shipped);
    }

    @Test
    void noBackendDependsOnTheFramework() {
        noClasses()
                .that()
                .resideInAnyPackage("nn.array..", "nn.reference..", "nn.simd..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("nn.core..", "nn.mnist..", "nn.examples..")
                .because(
                        "a backend implements nn-api and may share nn-array, never more (see the README's module rule)")
                .check(shipped);
    }

    @Test
    void theFrameworkIsWrittenAgainstTheApiAlone() {
        noClasses()
                .that()
                .resideInAnyPackage("nn.core..", "nn.mnist..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("nn.array..", "nn.reference..", "nn.simd..")
                .because("layers and training run on every backend, which they reach through nn-api")
                .check(shipped);
    }

    @Test
    void onlyTheExamplesUseTheApplicationLibraries() {
        noClasses()
                .that()
                .resideOutsideOfPackage("nn.examples..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "com.google.inject..",
                        "jakarta.inject..",
                        "picocli..",
                        "org.knowm.xchart..",
                        "me.tongfei.progressbar..",
                        "com.fasterxml.jackson.databind..")
                .because("Guice, picocli, XChart and the rest are the command line's choices, not the library's")
                .check(shipped);
    }

    @Test
    void onlyTheModelFilesAndTheExamplesReadJson() {
        noClasses()
                .that()
                .resideOutsideOfPackages("nn.examples..", "nn.safetensors..")
                .should()
                .dependOnClassesThat()
                .resideInAPackage("com.fasterxml.jackson..")
                .because("a safetensors header is JSON; nothing else in the library needs it")
                .check(shipped);
    }
}
