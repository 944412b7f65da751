package statelab;

import static com.tngtech.archunit.library.Architectures.layeredArchitecture;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaCall;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaCodeUnit;
import com.tngtech.archunit.core.domain.JavaConstructorCall;
import com.tngtech.archunit.core.domain.JavaField;
import com.tngtech.archunit.core.domain.JavaMethod;
import com.tngtech.archunit.core.domain.JavaMethodCall;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.CompositeArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import com.tngtech.archunit.lang.syntax.ArchRuleDefinition;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The one rule of the code's shape: dependencies flow one way,
 * cli -> web, scenario, bench -> lab -> lb, node -> session (with session.redis, session.jwt),
 * and problem (error bodies) may be used by any server part; json (the one JSON configuration) by every
 * part, and it uses none. Nothing imports cli; the balancer knows
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
                .layer("json").definedBy("statelab.json..")
                .whereLayer("cli").mayNotBeAccessedByAnyLayer()
                .whereLayer("web").mayOnlyBeAccessedByLayers("cli")
                .whereLayer("bench").mayOnlyBeAccessedByLayers("cli")
                .whereLayer("scenario").mayOnlyBeAccessedByLayers("cli", "web", "bench")
                .whereLayer("lab").mayOnlyBeAccessedByLayers("cli", "web", "scenario", "bench")
                .whereLayer("lb").mayOnlyBeAccessedByLayers("lab", "web", "scenario", "bench", "cli")
                .whereLayer("node").mayOnlyBeAccessedByLayers("lab", "web", "scenario", "bench", "cli")
                .whereLayer("session").mayOnlyBeAccessedByLayers("node", "lab", "web", "scenario", "bench", "cli")
                .whereLayer("problem").mayOnlyBeAccessedByLayers("node", "lb", "lab", "web", "scenario", "bench", "cli")
                .whereLayer("json").mayNotAccessAnyLayer()
                .check(CLASSES);
    }

    /** One configured mapper (statelab.json.Json): a mapper made elsewhere would read or write JSON its own way. */
    @Test
    void only_the_json_package_makes_a_jackson_mapper() {
        DescribedPredicate<JavaCall<?>> makesAMapper = DescribedPredicate.describe("make a Jackson ObjectMapper",
                call -> call.getTargetOwner().isAssignableTo(com.fasterxml.jackson.databind.ObjectMapper.class)
                        && (call instanceof JavaConstructorCall || call.getName().equals("builder")));
        ArchRuleDefinition.noClasses().that().resideOutsideOfPackage("statelab.json..")
                .should().callCodeUnitWhere(makesAMapper)
                .check(CLASSES);
    }

    /**
     * A thread that sleeps or waits for another while holding a monitor blocks everyone who wants it
     * (the state broadcaster behind a restart), and on JDK 21-23 pins its carrier if it is virtual.
     * Waiting belongs outside the lock (or under a {@code ReentrantLock}, which does not pin); ArchUnit
     * sees direct calls only, so this catches the obvious: sleeps, joins, latches, futures, waiting for
     * a process, parking, starting or stopping a redis-server, and connecting a Redis client.
     */
    @Test
    void no_synchronized_method_sleeps_or_waits_for_another_thread() {
        DescribedPredicate<JavaMethodCall> blocking = DescribedPredicate.describe("a sleep or a wait for another thread", call -> {
            String owner = call.getTargetOwner().getName();
            String name = call.getName();
            return (owner.equals(Thread.class.getName()) && (name.equals("sleep") || name.equals("join")))
                    || (owner.equals(java.util.concurrent.CountDownLatch.class.getName()) && name.equals("await"))
                    || (owner.equals(java.util.concurrent.Future.class.getName()) && name.equals("get"))
                    || (owner.equals(java.util.concurrent.CompletableFuture.class.getName()) && (name.equals("get") || name.equals("join")))
                    || name.equals("awaitHealth")
                    || (owner.equals(Process.class.getName()) && name.equals("waitFor"))
                    || (owner.equals(java.util.concurrent.locks.LockSupport.class.getName()) && name.startsWith("park"))
                    // Starting or stopping a redis-server waits for the process; connecting waits on the network.
                    || (owner.startsWith("redis.embedded.") && (name.equals("start") || name.equals("stop")))
                    || (owner.startsWith("io.lettuce.core.") && name.startsWith("connect"));
        });
        ArchRuleDefinition.methods().that().haveModifier(JavaModifier.SYNCHRONIZED)
                .should(new ArchCondition<JavaMethod>("not call " + blocking.getDescription()) {
                    @Override
                    public void check(JavaMethod method, ConditionEvents events) {
                        method.getMethodCallsFromSelf().stream().filter(blocking).forEach(call ->
                                events.add(SimpleConditionEvent.violated(method, method.getFullName() + " holds its monitor while it calls "
                                        + call.getTarget().getFullName())));
                    }
                })
                .check(CLASSES);
    }

    /**
     * {@code Optional} says "maybe nothing" to a caller, as a return type; as a field or a parameter it is
     * a nullable value in disguise (which can itself be null). Absence there is a no-op object, an
     * overload, or a value that means "none".
     */
    @Test
    void optional_is_only_a_return_type_never_a_field_or_a_parameter() {
        ArchRule noFields = ArchRuleDefinition.fields().should(new ArchCondition<JavaField>("not be of type " + OPTIONAL) {
                    @Override
                    public void check(JavaField field, ConditionEvents events) {
                        if (field.getRawType().isEquivalentTo(java.util.Optional.class)) {
                            events.add(SimpleConditionEvent.violated(field, field.getFullName() + " is an Optional field"));
                        }
                    }
                })
                .allowEmptyShould(true);
        ArchRule noParameters = ArchRuleDefinition.codeUnits().should(new ArchCondition<JavaCodeUnit>("take no parameter of type " + OPTIONAL) {
                    @Override
                    public void check(JavaCodeUnit unit, ConditionEvents events) {
                        for (JavaClass type : unit.getRawParameterTypes()) {
                            if (type.isEquivalentTo(java.util.Optional.class) && !unit.getOwner().isAnonymousClass()
                                    && !unit.getName().startsWith("lambda$")) {
                                events.add(SimpleConditionEvent.violated(unit, unit.getFullName() + " takes an Optional parameter"));
                            }
                        }
                    }
                })
                .allowEmptyShould(true);
        CompositeArchRule.of(noFields).and(noParameters).check(CLASSES);
    }

    private static final String OPTIONAL = "java.util.Optional";
}
