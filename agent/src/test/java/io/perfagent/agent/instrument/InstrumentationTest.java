package io.perfagent.agent.instrument;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.perfagent.agent.config.ConfigLoader;
import io.perfagent.agent.record.MethodRegistry;
import io.perfagent.bootstrap.Probe;
import io.perfagent.bootstrap.ProbeSink;
import io.perfagent.core.model.MethodSeries;
import java.io.IOException;
import java.lang.instrument.Instrumentation;
import java.util.Collections;
import net.bytebuddy.agent.ByteBuddyAgent;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import shapes.AlreadyLoaded;
import shapes.Hierarchy;
import shapes.Plain;
import shapes.Shapes;
import shapes.TypeLevel;
import shapes.WithDefault;

/**
 * The agent installed in this JVM: classes of every awkward shape are loaded after it and called,
 * and the registry must hold exactly the calls made.
 */
class InstrumentationTest {

  private static MethodRegistry registry;
  private static Instrumenter instrumenter;

  @BeforeAll
  static void installAgent() throws Exception {
    Instrumentation inst = ByteBuddyAgent.install();
    Class.forName("shapes.AlreadyLoaded"); // loaded, not yet measured
    registry = new MethodRegistry(1000);
    Probe.install(registry);
    instrumenter =
        Instrumenter.register(
            inst,
            ConfigLoader.load(
                    "perf.instrument.methods=shapes.Plain#compute",
                    Collections.emptyMap(),
                    Collections.emptyMap())
                .config(),
            registry);
    instrumenter.activate();
  }

  @AfterAll
  static void removeAgent() {
    instrumenter.remove();
    Probe.install(null);
  }

  @Test
  void staticPrivateFinalAndSynchronizedMethods_areCounted() {
    Shapes s = new Shapes();
    assertThat(Shapes.staticMethod(2)).isEqualTo(4);
    assertThat(s.callPrivate()).isEqualTo(3);
    assertThat(s.finalMethod()).isEqualTo(4);
    assertThat(s.synchronizedMethod()).isEqualTo(5);
    assertThat(s.synchronizedMethod()).isEqualTo(5);

    assertThat(counts.calls("shapes.Shapes.privateMethod")).isEqualTo(1);
    assertThat(counts.calls("shapes.Shapes.finalMethod")).isEqualTo(1);
    assertThat(counts.calls("shapes.Shapes.synchronizedMethod")).isEqualTo(2);
  }

  @Test
  void recursion_countsEveryCall() {
    assertThat(new Shapes().recursive(5)).isEqualTo(5);
    assertThat(counts.calls("shapes.Shapes.recursive")).isEqualTo(6);
  }

  @Test
  void throwingMethod_rethrowsTheSameException_andCountsItsType() {
    IOException thrown = new IOException("boom");
    Shapes s = new Shapes();
    assertThatThrownBy(() -> s.throwsChecked(thrown)).isSameAs(thrown);
    assertThatThrownBy(() -> s.throwsChecked(thrown)).isSameAs(thrown);
    assertThat(counts.calls("shapes.Shapes.throwsChecked")).isZero();
    assertThat(counts.errors("shapes.Shapes.throwsChecked", "java.io.IOException")).isEqualTo(2);
  }

  @Test
  void countedMethod_countsCallsAndErrorsWithoutDurations() {
    Shapes s = new Shapes();
    s.counted();
    s.counted();
    assertThatThrownBy(s::countedThrows).hasMessage("counted");
    assertThat(counts.calls("shapes.Shapes.counted")).isEqualTo(2);
    assertThat(series("shapes.Shapes.counted", null).durations()).isNull();
    assertThat(counts.errors("shapes.Shapes.countedThrows", "java.lang.IllegalStateException"))
        .isEqualTo(1);
  }

  @Test
  void annotationValue_namesTheFunction() {
    assertThat(new Shapes().named()).isEqualTo("named");
    assertThat(counts.calls("checkout.place")).isEqualTo(1);
  }

  @Test
  void durations_coverTheTimeSpentInside() throws InterruptedException {
    new Shapes().sleeps(20);
    assertThat(series("shapes.Shapes.sleeps", null).durations().sumNanos())
        .isGreaterThanOrEqualTo(20_000_000L);
  }

  @Test
  void lambdaCallingAnAnnotatedMethod_countsTheMethodOnce() {
    long before = counts.calls("shapes.Shapes.staticMethod");
    assertThat(new Shapes().viaLambda()).isEqualTo(42);
    assertThat(counts.calls("shapes.Shapes.staticMethod")).isEqualTo(before + 1);
    assertThat(registry.collect()).noneMatch(s -> s.functionName().contains("lambda$"));
  }

  @Test
  void interfaceDefaultMethod_isCounted() {
    assertThat(new WithDefault.Impl().greet()).isEqualTo("hi");
    assertThat(counts.calls("shapes.WithDefault.greet")).isEqualTo(1);
  }

  @Test
  void overridingMethods_areEachCountedOnce_andAbstractOnesNever() {
    Hierarchy.Base b = new Hierarchy.Derived();
    assertThat(b.template()).isEqualTo(20);
    assertThat(counts.calls("shapes.Hierarchy$Derived.template")).isEqualTo(1);
    assertThat(counts.calls("shapes.Hierarchy$Base.template")).isEqualTo(1); // the super call
    assertThat(counts.calls("shapes.Hierarchy$Derived.work")).isEqualTo(1);
    assertThat(registry.collect())
        .noneMatch(s -> s.functionName().equals("shapes.Hierarchy$Base.work"));
  }

  @Test
  void genericBridgeMethod_doesNotCountTwice() {
    Hierarchy.Handler<String> h = new Hierarchy.StringHandler();
    assertThat(h.handle("x")).isEqualTo("X"); // through the bridge handle(Object)
    assertThat(counts.calls("shapes.Hierarchy$StringHandler.handle")).isEqualTo(1);
  }

  @Test
  void typeLevelAnnotation_measuresPublicMethodsOnly() {
    assertThat(new TypeLevel().first()).isEqualTo(1);
    assertThat(TypeLevel.second()).isEqualTo(2);
    assertThat(counts.calls("shapes.TypeLevel.first")).isEqualTo(1);
    assertThat(counts.calls("shapes.TypeLevel.second")).isEqualTo(1);
    assertThat(registry.collect())
        .noneMatch(s -> s.functionName().equals("shapes.TypeLevel.hidden"));
  }

  @Test
  void methodNamedInConfig_isTimedWithoutAnnotation() {
    Plain p = new Plain();
    assertThat(p.compute(1)).isEqualTo(2);
    assertThat(p.other()).isZero();
    assertThat(counts.calls("shapes.Plain.compute")).isEqualTo(1);
    assertThat(registry.collect()).noneMatch(s -> s.functionName().equals("shapes.Plain.other"));
  }

  @Test
  void classLoadedBeforeTheAgent_isMeasuredAfterRetransformation() {
    assertThat(new AlreadyLoaded().run()).isEqualTo(7);
    assertThat(counts.calls("shapes.AlreadyLoaded.run")).isEqualTo(1);
  }

  @Test
  void classOfAChildFirstLoader_isMeasured() throws Exception {
    ClassLoader childFirst =
        new ChildFirstClassLoader(
            getClass().getClassLoader(), Collections.singleton("shapes.ChildFirstTarget"));
    Class<?> target = childFirst.loadClass("shapes.ChildFirstTarget");
    assertThat(target.getClassLoader()).isSameAs(childFirst);
    Object result = target.getMethod("run").invoke(target.getConstructor().newInstance());
    assertThat(result).isEqualTo("ChildFirstClassLoader");
    assertThat(counts.calls("shapes.ChildFirstTarget.run")).isEqualTo(1);
  }

  @Test
  void failingSink_isSwallowedAndCounted_andTheAppRunsOn() {
    long before = Probe.failureCount();
    Probe.install(
        new ProbeSink() {
          @Override
          public void timed(int methodId, long durationNanos, Throwable thrown) {
            throw new IllegalStateException("sink failure");
          }

          @Override
          public void counted(int methodId, Throwable thrown) {
            throw new IllegalStateException("sink failure");
          }
        });
    try {
      assertThat(new Shapes().finalMethod()).isEqualTo(4);
      assertThatThrownBy(new Shapes()::countedThrows).hasMessage("counted");
    } finally {
      Probe.install(registry);
    }
    assertThat(Probe.failureCount()).isEqualTo(before + 2);
  }

  private CallCounts counts;

  @BeforeEach
  void rememberTheCountsSoFar() {
    counts = new CallCounts(registry);
    counts.remember();
  }

  private MethodSeries series(String function, String type) {
    MethodSeries s = counts.find(function, type);
    assertThat(s).as("series %s %s", function, type).isNotNull();
    return s;
  }
}
