package io.perfagent.agent.instrument;

import static net.bytebuddy.matcher.ElementMatchers.named;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.perfagent.bootstrap.Probe;
import io.perfagent.bootstrap.ProbeSink;
import java.util.ArrayList;
import java.util.List;
import net.bytebuddy.ByteBuddy;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.dynamic.loading.ClassLoadingStrategy;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The advice alone, woven with Byte Buddy into a copy of a class: no agent involved. */
class AdviceTest {

  /** Records what the woven code reports. */
  static final class RecordingSink implements ProbeSink {
    final List<String> reports = new ArrayList<>();

    @Override
    public void timed(int methodId, long durationNanos, Throwable thrown) {
      reports.add("timed " + methodId + " " + (durationNanos >= 0) + " " + name(thrown));
    }

    @Override
    public void counted(int methodId, Throwable thrown) {
      reports.add("counted " + methodId + " " + name(thrown));
    }

    private static String name(Throwable t) {
      return t == null ? "ok" : t.getClass().getSimpleName();
    }
  }

  public static class Target {
    public int add(int a, int b) {
      return a + b;
    }

    public int fail() {
      throw new ArithmeticException("nope");
    }
  }

  private final RecordingSink sink = new RecordingSink();

  @AfterEach
  void uninstall() {
    Probe.install(null);
  }

  @Test
  void timedAdvice_reportsTheBoundIdOnReturnAndOnThrow() throws Exception {
    Object target = weave(TimedAdvice.class, 7).getConstructor().newInstance();
    Probe.install(sink);
    assertThat(target.getClass().getMethod("add", int.class, int.class).invoke(target, 2, 3))
        .isEqualTo(5);
    assertThatThrownBy(() -> target.getClass().getMethod("fail").invoke(target))
        .hasCauseInstanceOf(ArithmeticException.class);
    assertThat(sink.reports).containsExactly("timed 7 true ok", "timed 7 true ArithmeticException");
  }

  @Test
  void countedAdvice_reportsWithoutAClock() throws Exception {
    Object target = weave(CountedAdvice.class, 3).getConstructor().newInstance();
    Probe.install(sink);
    target.getClass().getMethod("add", int.class, int.class).invoke(target, 1, 1);
    assertThat(sink.reports).containsExactly("counted 3 ok");
  }

  @Test
  void probe_ignoresAnExitWhoseEnterDidNotRun() {
    Probe.install(sink);
    Probe.timed(1, 0L, null);
    assertThat(sink.reports).isEmpty();
  }

  private static Class<?> weave(Class<?> advice, int id) {
    return new ByteBuddy()
        .redefine(Target.class)
        .visit(
            Advice.withCustomMapping()
                .bind(new MethodIdMapping(m -> id))
                .to(advice)
                .on(named("add").or(named("fail"))))
        .make()
        .load(
            new ClassLoader(AdviceTest.class.getClassLoader()) {},
            ClassLoadingStrategy.Default.CHILD_FIRST)
        .getLoaded();
  }
}
