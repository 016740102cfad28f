package io.perfagent.agent.analyze;

import static org.assertj.core.api.Assertions.assertThat;

import io.perfagent.agent.store.HistoryWriter;
import io.perfagent.core.analyze.AnalysisSettings;
import io.perfagent.core.analyze.Analyzer;
import io.perfagent.core.analyze.BaselineView;
import io.perfagent.core.analyze.CycleReport;
import io.perfagent.core.analyze.Indicator;
import io.perfagent.core.analyze.IndicatorValue;
import io.perfagent.core.analyze.MethodCycle;
import io.perfagent.core.history.HistoryCodec;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BaselineFileTest {

  private static final long START = 1_764_547_200_000L;
  private static final String KEY = Analyzer.METHOD_PREFIX + "shop.Cart.add";

  @TempDir Path dir;

  @Test
  void save_thenRestore_keepsWhatWasLearned() {
    Analyzer learned = new Analyzer(AnalysisSettings.defaults());
    long t = run(learned, null, 300);
    assertThat(BaselineFile.save(learned, dir, "shop", 168, t)).isTrue();

    Analyzer restarted = new Analyzer(AnalysisSettings.defaults());
    String said = BaselineFile.restore(restarted, dir, "shop");

    assertThat(said).startsWith("baseline restored: 2 series from ");
    assertThat(restarted.expected(KEY, t).median()).isEqualTo(learned.expected(KEY, t).median());
    assertThat(restarted.expected(KEY, t).samples()).isEqualTo(learned.expected(KEY, t).samples());
  }

  @Test
  void aDamagedFile_isRebuiltFromHistory() throws Exception {
    Analyzer learned = new Analyzer(AnalysisSettings.defaults());
    long t;
    try (HistoryWriter history = new HistoryWriter(dir, BaselineFile.HISTORY, 1 << 20, 5)) {
      t = run(learned, history, 300);
    }
    BaselineFile.save(learned, dir, "shop", 168, t);
    Path file = dir.resolve(BaselineFile.NAME);
    String text = Files.readString(file, StandardCharsets.UTF_8);
    Files.writeString(file, text.substring(0, text.length() - 40), StandardCharsets.UTF_8);

    Analyzer rebuilt = new Analyzer(AnalysisSettings.defaults());
    String said = BaselineFile.restore(rebuilt, dir, "shop");

    assertThat(said).isEqualTo("baseline rebuilt from 300 cycles of history");
    BaselineView expected = learned.expected(KEY, t);
    BaselineView actual = rebuilt.expected(KEY, t);
    assertThat(actual.samples()).isEqualTo(expected.samples());
    assertThat(actual.median())
        .isCloseTo(expected.median(), org.assertj.core.data.Percentage.withPercentage(0.01));
  }

  @Test
  void anotherServicesFile_startsANewBaseline() {
    Analyzer other = new Analyzer(AnalysisSettings.defaults());
    long t = run(other, null, 10);
    BaselineFile.save(other, dir, "billing", 168, t);

    Analyzer mine = new Analyzer(AnalysisSettings.defaults());
    assertThat(BaselineFile.restore(mine, dir, "shop")).isEqualTo("new baseline");
    assertThat(mine.seriesCount()).isZero();
  }

  @Test
  void noFileAndNoHistory_isNoBaselineYet() {
    assertThat(BaselineFile.restore(new Analyzer(AnalysisSettings.defaults()), dir, "shop"))
        .isEqualTo("no baseline yet");
  }

  private static long run(Analyzer a, HistoryWriter history, int cycles) {
    Random r = new Random(3);
    long t = START;
    for (int c = 0; c < cycles; c++, t += 60_000) {
      double p95 = 0.010 * Math.exp(r.nextGaussian() * 0.03);
      CycleReport report =
          a.judge(
              t,
              60,
              List.of(
                  MethodCycle.of(
                      "shop.Cart.add",
                      true,
                      400,
                      1,
                      60,
                      p95 * 0.7,
                      p95 * 0.1,
                      p95 * 3,
                      p95 * 0.2,
                      p95 * 0.6,
                      p95 * 0.9,
                      p95,
                      p95 * 1.4)),
              List.of(new IndicatorValue(Indicator.THREADS, 30 + r.nextInt(2))));
      if (history != null) {
        history.append(HistoryCodec.line(report, "shop", "i-1"));
      }
    }
    return t;
  }
}
