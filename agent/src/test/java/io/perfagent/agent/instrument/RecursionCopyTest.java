package io.perfagent.agent.instrument;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.perfagent.agent.config.ConfigLoader;
import io.perfagent.agent.record.MethodRegistry;
import io.perfagent.bootstrap.Probe;
import io.perfagent.core.model.MethodSeries;
import java.lang.instrument.Instrumentation;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.Collections;
import java.util.Set;
import java.util.TreeSet;
import net.bytebuddy.agent.ByteBuddyAgent;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import recursion.Open;
import recursion.Recursive;

/**
 * Measured methods that call themselves get a recursion copy ({@link RecursionCopy}): every call
 * still counts, every failure too, results and stack traces are the application's own, and the
 * class survives retransformation and detach with the methods it was defined with.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RecursionCopyTest {

  private static final String R = "recursion.Recursive.";
  private static Instrumentation inst;
  private static MethodRegistry registry;
  private static Instrumenter instrumenter;

  @BeforeAll
  static void installAgent() throws Exception {
    inst = ByteBuddyAgent.install();
    registry = new MethodRegistry(1000);
    Probe.install(registry);
    instrumenter =
        Instrumenter.register(
            inst,
            ConfigLoader.load("", Collections.emptyMap(), Collections.emptyMap()).config(),
            registry);
    instrumenter.activate();
  }

  @AfterAll
  static void removeAgent() {
    instrumenter.remove();
    Probe.install(null);
  }

  @Test
  @Order(1)
  void everyRecursiveShape_getsACopyWithTheSameName() {
    Set<String> copies = new TreeSet<>();
    for (Method m : Recursive.class.getDeclaredMethods()) {
      Class<?>[] p = m.getParameterTypes();
      if (p.length > 0 && p[p.length - 1] == Probe.class) {
        assertThat(m.isSynthetic()).as(m.toString()).isTrue();
        assertThat(Modifier.isPrivate(m.getModifiers())).as(m.toString()).isTrue();
        assertThat(m.getDeclaredAnnotations()).as(m.toString()).isEmpty();
        copies.add(m.getName() + "/" + p.length);
      }
    }
    assertThat(copies)
        .containsExactlyInAnyOrder(
            "build/2",
            "counted/2",
            "guarded/3",
            "max/3",
            "countdown/3",
            "failAt/2",
            "halve/3",
            "locked/2",
            "rec/2",
            "recoverAt/3",
            "sumTo/2",
            "walk/2");
  }

  @Test
  @Order(1)
  void anOverridableMethod_keepsEveryFrameMeasured_andDispatchesAsWritten() {
    assertThat(Open.class.getDeclaredMethods()).hasSize(1);
    Open overriding =
        new Open() {
          @Override
          public int down(int n) {
            return n == 0 ? 0 : super.down(n - 1) + 10;
          }
        };
    assertThat(overriding.down(4)).isEqualTo(22); // 10 + (1 + (10 + (1 + 0)))
    assertThat(counts.calls(R.replace("Recursive", "Open") + "down")).isEqualTo(2);
  }

  @Test
  @Order(2)
  void everyCallCounts_andTheHistogramHoldsThemOnceTheOutermostCallEnded() {
    assertThat(Recursive.rec(100)).isEqualTo(100);
    assertThat(counts.calls(R + "rec")).isEqualTo(101);
    MethodSeries rec = counts.find(R + "rec", null);
    assertThat(rec.durations().count()).isEqualTo(rec.calls());
    assertThat(rec.durations().sumNanos()).isPositive();

    assertThat(Recursive.counted(30)).isEqualTo(30);
    assertThat(counts.calls(R + "counted")).isEqualTo(31);
  }

  @Test
  @Order(3)
  void resultsOfEveryType_areTheUnmeasuredOnes() {
    assertThat(Recursive.sumTo(50)).isEqualTo(50L * 51 / 2 + 50 * (1 - 1));
    assertThat(counts.calls(R + "sumTo")).isEqualTo(51);
    assertThat(Recursive.halve(1024.0, 10)).isEqualTo(1.0);
    assertThat(counts.calls(R + "halve")).isEqualTo(11);
    int[] box = {0};
    new Recursive().countdown(7, box);
    assertThat(box[0]).isEqualTo(7);
    assertThat(counts.calls(R + "countdown")).isEqualTo(7);
    assertThat(new Recursive().callWalk(10)).isEqualTo(110);
    assertThat(counts.calls(R + "walk")).isEqualTo(177);
    assertThat(new Recursive().locked(20)).isEqualTo(20);
    assertThat(counts.calls(R + "locked")).isEqualTo(21);
    assertThat(Recursive.build(12).toString()).isEqualTo("x".repeat(12));
    assertThat(counts.calls(R + "build")).isEqualTo(13);
    int[] finallies = {0};
    assertThat(Recursive.guarded(10, finallies)).isEqualTo(10);
    assertThat(finallies[0]).isEqualTo(11);
    assertThat(counts.calls(R + "guarded")).isEqualTo(11);
    assertThat(Recursive.max(java.util.List.of(3, 9, 2, 7), 0)).isEqualTo(9);
    assertThat(counts.calls(R + "max")).isEqualTo(4);
  }

  @Test
  @Order(4)
  void aFailureThroughTheRecursion_isEveryFramesFailure_andItsStackTraceIsUnchanged() {
    assertThatThrownBy(() -> Recursive.failAt(5))
        .isInstanceOf(IllegalStateException.class)
        .satisfies(
            thrown -> {
              long frames =
                  Arrays.stream(thrown.getStackTrace())
                      .filter(e -> e.getClassName().equals(Recursive.class.getName()))
                      .peek(e -> assertThat(e.getMethodName()).isEqualTo("failAt"))
                      .count();
              assertThat(frames).isEqualTo(6);
            });
    assertThat(counts.errors(R + "failAt", "java.lang.IllegalStateException")).isEqualTo(6);
    assertThat(counts.calls(R + "failAt")).isZero();

    assertThat(Recursive.recoverAt(8, 4)).isEqualTo(-1);
    assertThat(counts.errors(R + "recoverAt", "java.lang.IllegalArgumentException")).isEqualTo(4);
    assertThat(counts.calls(R + "recoverAt")).isEqualTo(5);
    MethodSeries failed = counts.find(R + "recoverAt", "java.lang.IllegalArgumentException");
    assertThat(failed.durations().count()).isEqualTo(4);
  }

  @Test
  @Order(5)
  void aRetransformedClass_keepsItsCopiesAndItsCounts() throws Exception {
    inst.retransformClasses(Recursive.class);
    assertThat(Recursive.rec(10)).isEqualTo(10);
    assertThat(counts.calls(R + "rec")).isEqualTo(11);
  }

  @Test
  @Order(6)
  void afterDetach_theClassIsUnmeasuredButKeepsItsMethods_andRetransformsAgain() throws Exception {
    long before = Recursive.class.getDeclaredMethods().length;
    assertThat(instrumenter.detach()).isPositive();
    assertThat(Recursive.rec(10)).isEqualTo(10);
    assertThat(counts.calls(R + "rec")).isZero();
    inst.retransformClasses(Recursive.class);
    assertThat(Recursive.rec(10)).isEqualTo(10);
    assertThat(Recursive.class.getDeclaredMethods()).hasSize((int) before);
  }

  private CallCounts counts;

  @BeforeEach
  void rememberTheCountsSoFar() {
    counts = new CallCounts(registry);
    counts.remember();
  }
}
