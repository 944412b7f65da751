package statelab;

import static com.tngtech.archunit.library.Architectures.layeredArchitecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The one rule of the code's shape: dependencies flow one way,
 * cli -> web, scenario, bench -> lab -> lb, node -> session (with session.redis, session.jwt),
 * and problem (error bodies) may be used by any server part. Nothing imports cli; the balancer knows
 * nodes only as URIs, so lb does not import node or session.
 */
class ArchitectureTest {
    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("statelab");

    @Test
    void dependencies_flow_from_the_cli_down_to_the_session_layer() {
        layeredArchitecture().consideringOnlyDependenciesInLayers()
                .withOptionalLayers(true)
                .layer("cli").definedBy("statelab.cli..")
                .layer("web").definedBy("statelab.web..")
                .layer("scenario").definedBy("statelab.scenario..")
                .layer("bench").definedBy("statelab.bench..")
                .layer("lab").definedBy("statelab.lab..")
                .layer("lb").definedBy("statelab.lb..")
                .layer("node").definedBy("statelab.node..")
                .layer("session").definedBy("statelab.session..")
                .layer("problem").definedBy("statelab.problem..")
                .whereLayer("cli").mayNotBeAccessedByAnyLayer()
                .whereLayer("web").mayOnlyBeAccessedByLayers("cli")
                .whereLayer("bench").mayOnlyBeAccessedByLayers("cli")
                .whereLayer("scenario").mayOnlyBeAccessedByLayers("cli", "web", "bench")
                .whereLayer("lab").mayOnlyBeAccessedByLayers("cli", "web", "scenario", "bench")
                .whereLayer("lb").mayOnlyBeAccessedByLayers("lab", "web", "scenario", "bench", "cli")
                .whereLayer("node").mayOnlyBeAccessedByLayers("lab", "web", "scenario", "bench", "cli")
                .whereLayer("session").mayOnlyBeAccessedByLayers("node", "lab", "web", "scenario", "bench", "cli")
                .whereLayer("problem").mayOnlyBeAccessedByLayers("node", "lb", "lab", "web", "scenario", "bench", "cli")
                .check(CLASSES);
    }
}
