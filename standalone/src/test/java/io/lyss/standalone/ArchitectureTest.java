package io.lyss.standalone;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.util.UUID;
import org.axonframework.spring.stereotype.Aggregate;
import org.junit.jupiter.api.Test;

/**
 * Module boundaries: modules meet only through events, HTTP, Kafka and the databases, never through each
 * other's classes. The standalone launcher alone may see them all.
 */
class ArchitectureTest {

    private static final String COMMAND = "io.lyss.command..";
    private static final String QUERY = "io.lyss.query..";
    private static final String ORCHESTRATOR = "io.lyss.orchestrator..";
    private static final String MEMORY = "io.lyss.memory..";

    private final JavaClasses lyss = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.lyss");

    @Test
    void theCommandSideKnowsNoOtherModule() {
        noClasses()
                .that()
                .resideInAPackage(COMMAND)
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(QUERY, ORCHESTRATOR, MEMORY, "io.lyss.standalone..")
                .check(lyss);
    }

    @Test
    void theQuerySideKnowsNoOtherModuleAndNoAxon() {
        noClasses()
                .that()
                .resideInAPackage(QUERY)
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(COMMAND, ORCHESTRATOR, MEMORY, "org.axonframework..")
                .check(lyss);
    }

    @Test
    void theOrchestratorKnowsNoOtherModuleAndNoAxon() {
        noClasses()
                .that()
                .resideInAPackage(ORCHESTRATOR)
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(COMMAND, QUERY, MEMORY, "org.axonframework..")
                .check(lyss);
    }

    @Test
    void theGatewayDrawsItsIdsFromGeneratorsOfItsOwn() {
        // UUID.randomUUID() waits for a JVM-wide lock that the recording's nice-19 threads hold (ADR 0049)
        noClasses()
                .that()
                .resideInAPackage(ORCHESTRATOR)
                .should()
                .callMethod(UUID.class, "randomUUID")
                .check(lyss);
    }

    @Test
    void theMemoryProjectorKnowsNoOtherModule() {
        noClasses()
                .that()
                .resideInAPackage(MEMORY)
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(COMMAND, QUERY, ORCHESTRATOR)
                .allowEmptyShould(true)
                .check(lyss);
    }

    @Test
    void sharedLibrariesDependOnNoModule() {
        noClasses()
                .that()
                .resideInAnyPackage("io.lyss.events..", "io.lyss.security..", "io.lyss.feed..", "io.lyss.embedding..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(COMMAND, QUERY, ORCHESTRATOR, MEMORY)
                .check(lyss);
    }

    @Test
    void aggregatesDecideWithoutTheWebOrTheAdminLayer() {
        noClasses()
                .that()
                .areAnnotatedWith(Aggregate.class)
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("org.springframework.web..", "io.lyss.command.admin..", "io.lyss.command.ingest..")
                .check(lyss);
    }
}
