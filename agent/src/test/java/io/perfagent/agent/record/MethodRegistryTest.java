package io.perfagent.agent.record;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.perfagent.core.model.MethodSeries;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;

class MethodRegistryTest {

  @Test
  void register_givesEachNameOneStableId() {
    MethodRegistry registry = new MethodRegistry(10);
    int a = registry.register("a.A.x", MethodKind.TIMED);
    int b = registry.register("a.A.y", MethodKind.COUNTED);
    assertThat(a).isNotEqualTo(b);
    assertThat(registry.register("a.A.x", MethodKind.TIMED)).isEqualTo(a);
    assertThat(registry.size()).isEqualTo(2);
  }

  @Test
  void register_rejectsMethodsBeyondTheCap() {
    MethodRegistry registry = new MethodRegistry(2);
    registry.register("a", MethodKind.TIMED);
    registry.register("b", MethodKind.TIMED);
    assertThat(registry.register("c", MethodKind.TIMED)).isEqualTo(MethodRegistry.REJECTED);
    assertThat(registry.register("a", MethodKind.TIMED)).isNotEqualTo(MethodRegistry.REJECTED);
  }

  @Test
  void register_growsPastItsInitialCapacity() {
    MethodRegistry registry = new MethodRegistry(1000);
    for (int i = 0; i < 500; i++) {
      int id = registry.register("m" + i, MethodKind.COUNTED);
      registry.counted(id, null);
    }
    assertThat(registry.collect()).hasSize(500);
  }

  @Test
  void collect_splitsFailedCallsByErrorType() {
    MethodRegistry registry = new MethodRegistry(10);
    int timed = registry.register("a.A.t", MethodKind.TIMED);
    int counted = registry.register("a.A.c", MethodKind.COUNTED);
    registry.timed(timed, 1_000, null);
    registry.timed(timed, 2_000, new IOException());
    registry.timed(timed, 3_000, new IOException());
    registry.counted(counted, new IllegalStateException());

    List<MethodSeries> series = registry.collect();
    assertThat(series)
        .extracting(MethodSeries::functionName, MethodSeries::errorType, MethodSeries::calls)
        .containsExactly(
            tuple("a.A.t", null, 1L),
            tuple("a.A.t", "java.io.IOException", 2L),
            tuple("a.A.c", "java.lang.IllegalStateException", 1L));
    assertThat(series.get(1).durations().sumNanos()).isEqualTo(5_000);
    assertThat(series.get(2).durations()).isNull();
  }

  @Test
  void errorTypes_beyondTheCapShareTheOverflowSeries() {
    MethodRegistry registry = new MethodRegistry(10);
    int id = registry.register("a.A.t", MethodKind.COUNTED);
    Throwable[] kinds = {
      new IOException(), new IllegalStateException(), new IllegalArgumentException(),
      new UnsupportedOperationException(), new ArithmeticException(), new NullPointerException(),
      new ClassCastException(), new ArrayStoreException(), new NegativeArraySizeException(),
      new SecurityException()
    };
    for (Throwable t : kinds) {
      registry.counted(id, t);
    }
    List<MethodSeries> series = registry.collect();
    assertThat(series).hasSize(ErrorTable.MAX_TYPES + 1);
    assertThat(series.get(series.size() - 1).errorType()).isEqualTo(ErrorTable.OVERFLOW_TYPE);
    assertThat(series.get(series.size() - 1).calls())
        .isEqualTo(kinds.length - ErrorTable.MAX_TYPES);
  }

  @Test
  void nestedCalls_waitForTheirOutermostCall_andTakeItsDuration() {
    MethodRegistry registry = new MethodRegistry(10);
    int id = registry.register("a.A.rec", MethodKind.TIMED);
    registry.nested(id, null);
    registry.nested(id, null);
    assertThat(registry.collect()).as("the outermost call has not ended").isEmpty();

    registry.timed(id, 5_000, null);

    MethodSeries rec = registry.collect().get(0);
    assertThat(rec.calls()).isEqualTo(3);
    assertThat(rec.durations().sumNanos()).isEqualTo(15_000);
    assertThat(rec.durations().count()).isEqualTo(rec.calls());
  }

  @Test
  void nestedFailures_andSuccessesInsideAFailedCall_areSettledByIt() {
    MethodRegistry registry = new MethodRegistry(10);
    int id = registry.register("a.A.rec", MethodKind.TIMED);
    registry.nested(id, new IllegalArgumentException()); // caught halfway up
    registry.nested(id, null);
    registry.nested(id, new IllegalStateException()); // thrown out of the outermost call
    assertThat(registry.collect()).as("nothing settled yet").isEmpty();

    registry.timed(id, 2_000, new IllegalStateException());

    assertThat(registry.collect())
        .extracting(MethodSeries::errorType, MethodSeries::calls, s -> s.durations().sumNanos())
        .containsExactlyInAnyOrder(
            tuple(null, 1L, 2_000L),
            tuple("java.lang.IllegalArgumentException", 1L, 2_000L),
            tuple("java.lang.IllegalStateException", 2L, 4_000L));
  }

  @Test
  void nestedCallsOfACountedMethod_countAtOnce() {
    MethodRegistry registry = new MethodRegistry(10);
    int id = registry.register("a.A.rec", MethodKind.COUNTED);
    registry.nested(id, null);
    registry.nested(id, new IOException());

    assertThat(registry.collect())
        .extracting(MethodSeries::errorType, MethodSeries::calls)
        .containsExactly(tuple(null, 1L), tuple("java.io.IOException", 1L));
  }
}
