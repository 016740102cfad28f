package io.perfagent.agent.record;

import static org.assertj.core.api.Assertions.assertThat;

import io.perfagent.core.model.DurationSnapshot;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

class DurationRecorderTest {

  @Test
  void record_countsAndSumsExactly() {
    DurationRecorder r = new DurationRecorder();
    r.record(0);
    r.record(1_500);
    r.record(2_000_000);
    DurationSnapshot s = r.snapshot();
    assertThat(s.count()).isEqualTo(3);
    assertThat(s.zeroCount()).isEqualTo(1);
    assertThat(s.sumNanos()).isEqualTo(2_001_500);
  }

  @Test
  void record_fromManyThreadsAtOnce_losesNothing() throws InterruptedException {
    DurationRecorder r = new DurationRecorder();
    int threads = 8;
    int perThread = 100_000;
    CountDownLatch start = new CountDownLatch(1);
    List<Thread> workers = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      Thread w =
          new Thread(
              () -> {
                try {
                  start.await();
                } catch (InterruptedException e) {
                  return;
                }
                for (int i = 1; i <= perThread; i++) {
                  r.record(i);
                }
              });
      w.start();
      workers.add(w);
    }
    start.countDown();
    for (Thread w : workers) {
      w.join();
    }
    DurationSnapshot s = r.snapshot();
    assertThat(s.count()).isEqualTo((long) threads * perThread);
    assertThat(s.sumNanos()).isEqualTo(threads * ((long) perThread * (perThread + 1) / 2));
  }

  @Test
  void isEmpty_untilTheFirstRecord() {
    DurationRecorder r = new DurationRecorder();
    assertThat(r.isEmpty()).isTrue();
    r.record(5);
    assertThat(r.isEmpty()).isFalse();
  }

  @Test
  void stripes_areAPowerOfTwoOfAtLeastTwo() {
    assertThat(Stripes.count(1)).isEqualTo(2);
    assertThat(Stripes.count(2)).isEqualTo(4);
    assertThat(Stripes.count(3)).isEqualTo(8);
    assertThat(Stripes.count(1000)).isEqualTo(64);
  }
}
