package io.perfagent.core.analyze;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.perfagent.core.json.JsonException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class BaselineCodecTest {

  private static final long MINUTE = 60_000;
  private static final long START = 1_764_547_200_000L;

  @Test
  void restart_restoresEveryBaseline_andJudgesTheNextCycleAlike() {
    Analyzer before = new Analyzer(AnalysisSettings.defaults());
    long t = feed(before, START, 4 * 24 * 60 + 17);
    String file = BaselineCodec.write("shop", t, 168, before.baselineStates());

    BaselineCodec.Loaded loaded = BaselineCodec.read(file);
    Analyzer after = new Analyzer(AnalysisSettings.defaults());
    after.restore(loaded.states());

    assertThat(loaded.service()).isEqualTo("shop");
    assertThat(loaded.states()).hasSize(4);
    for (String key : loaded.states().keySet()) {
      BaselineView a = before.expected(key, t);
      BaselineView b = after.expected(key, t);
      assertThat(b.median()).as(key).isEqualTo(a.median());
      assertThat(b.mad()).as(key).isEqualTo(a.mad());
      assertThat(b.samples()).as(key).isEqualTo(a.samples());
      assertThat(b.source()).as(key).isEqualTo(a.source());
    }
    assertThat(BaselineCodec.write("shop", t, 168, after.baselineStates())).isEqualTo(file);
    List<Level> levelsBefore = new ArrayList<>();
    List<Level> levelsAfter = new ArrayList<>();
    before
        .judge(t, 60, cycles(0.030), List.of())
        .methods()
        .forEach(r -> levelsBefore.add(r.level()));
    after.judge(t, 60, cycles(0.030), List.of()).methods().forEach(r -> levelsAfter.add(r.level()));
    assertThat(levelsAfter).isEqualTo(levelsBefore).contains(Level.CRITICAL);
  }

  @Test
  void aDamagedFile_isRejectedWithTheReason() {
    Analyzer a = new Analyzer(AnalysisSettings.defaults());
    long t = feed(a, START, 90);
    String file = BaselineCodec.write("shop", t, 168, a.baselineStates());

    String edited = file.replaceFirst("\"stride\":1", "\"stride\":2");
    assertThatThrownBy(() -> BaselineCodec.read(edited))
        .isInstanceOf(JsonException.class)
        .hasMessageContaining("checksum");
    assertThatThrownBy(() -> BaselineCodec.read(file.substring(0, file.length() / 2)))
        .isInstanceOf(JsonException.class)
        .hasMessageContaining("at character");
    assertThatThrownBy(() -> BaselineCodec.read("{\"format\":\"other/9\"}"))
        .hasMessageContaining("format must be 'perf-agent-baseline/1'");
  }

  private static long feed(Analyzer a, long from, int cycles) {
    Random r = new Random(7);
    long t = from;
    for (int c = 0; c < cycles; c++, t += MINUTE) {
      a.judge(
          t,
          60,
          cycles(0.010 * Math.exp(r.nextGaussian() * 0.02)),
          List.of(new IndicatorValue(Indicator.THREADS, 20 + r.nextInt(3))));
    }
    return t;
  }

  private static List<MethodCycle> cycles(double p95) {
    List<MethodCycle> out = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      out.add(MethodCycle.of("m" + i, true, 500, 0, 60, p95, p95, p95, 0, p95, p95, p95, p95));
    }
    return out;
  }
}
