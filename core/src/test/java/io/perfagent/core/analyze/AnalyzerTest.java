package io.perfagent.core.analyze;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class AnalyzerTest {

  private static final long MINUTE = 60_000;
  private static final long HOUR = 60 * MINUTE;
  private static final long DAY = 24 * HOUR;

  /** A Monday, 00:00 UTC. */
  private static final long START = 1_764_547_200_000L;

  private final Random random = new Random(42);

  @Test
  void sevenDayReplay_buildsAnHourlyBaselinePerMethod() {
    Analyzer analyzer = new Analyzer(AnalysisSettings.defaults());
    long t = replay(analyzer, START, 7 * DAY, 20, i -> 0.010 * (1 + i % 5));

    for (int m = 0; m < 20; m++) {
      BaselineView view = analyzer.expected(Analyzer.METHOD_PREFIX + "m" + m, t);
      assertThat(view.source()).isEqualTo(BaselineView.Source.HOUR_OF_DAY);
      assertThat(view.samples()).as("one value per day for this hour of day").isBetween(6, 7);
      assertThat(view.median()).isCloseTo(0.010 * (1 + m % 5), withinPercent(3));
    }
  }

  @Test
  void fortyPercentStep_inOneMethod_isModerateForThatMethodAndNoOther() {
    Analyzer analyzer = new Analyzer(AnalysisSettings.defaults());
    long t = replay(analyzer, START, 2 * DAY, 30, i -> 0.020);

    CycleReport report =
        analyzer.judge(t, 60, cycles(30, 300, i -> i == 7 ? 0.028 : 0.020), List.of());

    for (MethodResult r : report.methods()) {
      if (r.cycle().name().equals("m7")) {
        assertThat(r.level()).isEqualTo(Level.MODERATE);
        assertThat(r.change()).isCloseTo(0.40, org.assertj.core.data.Offset.offset(0.05));
      } else {
        assertThat(r.level()).as(r.cycle().name()).isEqualTo(Level.NORMAL);
      }
    }
    assertThat(report.status()).isEqualTo(Level.MODERATE);
    assertThat(report.reasons())
        .singleElement()
        .asString()
        .startsWith("m7 p95 28.0 ms vs 20.0 ms baseline (+4")
        .contains("Moderate", "300 calls");
  }

  @Test
  void reconfiguredThresholds_judgeTheNextCycle_andTheBaselineStays() {
    Analyzer analyzer = new Analyzer(AnalysisSettings.defaults());
    long t = replay(analyzer, START, 2 * DAY, 3, i -> 0.020);
    analyzer.reconfigure(LevelRules.builder().thresholds(0.50, 0.70, 0.90).build(), false);

    CycleReport report = analyzer.judge(t, 60, cycles(3, 300, i -> 0.028), List.of());

    assertThat(report.methods())
        .allSatisfy(r -> assertThat(r.level()).as("+40 %% is below 50 %%").isEqualTo(Level.NORMAL));
    assertThat(analyzer.expected(Analyzer.METHOD_PREFIX + "m0", t).median())
        .isCloseTo(0.020, withinPercent(3));
  }

  @Test
  void tooFewCalls_givesInsufficientData_andIsNotLearned() {
    Analyzer analyzer = new Analyzer(AnalysisSettings.defaults());
    long t = replay(analyzer, START, 6 * HOUR, 1, i -> 0.020);
    int samplesBefore = analyzer.expected(Analyzer.METHOD_PREFIX + "m0", t).samples();

    CycleReport report = analyzer.judge(t, 60, cycles(1, 199, i -> 0.5), List.of());

    assertThat(report.methods().get(0).level()).isEqualTo(Level.INSUFFICIENT_DATA);
    assertThat(report.status()).isEqualTo(Level.INSUFFICIENT_DATA);
    assertThat(analyzer.expected(Analyzer.METHOD_PREFIX + "m0", t + HOUR).median())
        .isCloseTo(0.020, withinPercent(3));
    assertThat(samplesBefore)
        .as("hours 0-4 rolled up; hour 5 closes at the next cycle")
        .isEqualTo(5);
  }

  @Test
  void aNewSeries_isInsufficientUntilItsBaselineHoldsThreeCycles() {
    Analyzer analyzer = new Analyzer(AnalysisSettings.defaults());
    List<Level> levels = new ArrayList<>();
    for (int c = 0; c < 5; c++) {
      levels.add(
          analyzer
              .judge(START + c * MINUTE, 60, cycles(1, 300, i -> 0.01), List.of())
              .methods()
              .get(0)
              .level());
    }
    assertThat(levels)
        .containsExactly(
            Level.INSUFFICIENT_DATA,
            Level.INSUFFICIENT_DATA,
            Level.INSUFFICIENT_DATA,
            Level.NORMAL,
            Level.NORMAL);
  }

  @Test
  void aCriticalHour_isNotLearned() {
    Analyzer analyzer = new Analyzer(AnalysisSettings.defaults());
    long t = replay(analyzer, START, 5 * HOUR, 1, i -> 0.010);
    BaselineView before = analyzer.expected(Analyzer.METHOD_PREFIX + "m0", t);

    List<Level> levels = new ArrayList<>();
    for (int c = 0; c < 60; c++, t += MINUTE) {
      levels.add(
          analyzer.judge(t, 60, cycles(1, 300, i -> 0.020), List.of()).methods().get(0).level());
    }
    t = replay(analyzer, t, HOUR, 1, i -> 0.010);

    assertThat(levels).containsOnly(Level.CRITICAL);
    BaselineView after = analyzer.expected(Analyzer.METHOD_PREFIX + "m0", t);
    assertThat(after.median()).isCloseTo(0.010, withinPercent(3));
    assertThat(after.samples())
        .as("the critical hour added no hourly value")
        .isEqualTo(before.samples() + 1);
  }

  @Test
  void absoluteFloor_keepsSubMillisecondChangesNormal() {
    Analyzer analyzer = new Analyzer(AnalysisSettings.defaults());
    long t = replay(analyzer, START, 4 * HOUR, 1, i -> 200e-9);
    CycleReport report = analyzer.judge(t, 60, cycles(1, 300, i -> 300e-9), List.of());
    assertThat(report.methods().get(0).level()).isEqualTo(Level.NORMAL);
    assertThat(report.methods().get(0).change())
        .isCloseTo(0.5, org.assertj.core.data.Offset.offset(0.05));
  }

  @Test
  void hysteresis_holdsALevelUntilTheChangeFallsFivePointsBelowItsThreshold() {
    Analyzer analyzer = new Analyzer(AnalysisSettings.defaults());
    long t = replay(analyzer, START, 4 * HOUR, 1, i -> 0.100);
    Level first = judgeOne(analyzer, t, 0.140); // +40 %: Moderate
    Level held = judgeOne(analyzer, t + MINUTE, 0.128); // +28 %: above 25 %, still Moderate
    Level dropped = judgeOne(analyzer, t + 2 * MINUTE, 0.122); // +22 %: Minor
    assertThat(List.of(first, held, dropped))
        .containsExactly(Level.MODERATE, Level.MODERATE, Level.MINOR);
  }

  @Test
  void indicators_areJudgedOnTheirCycleValue_withTheirOwnFloor() {
    Analyzer analyzer = new Analyzer(AnalysisSettings.defaults());
    long t = START;
    for (int c = 0; c < 240; c++, t += MINUTE) {
      analyzer.judge(
          t,
          60,
          List.of(),
          List.of(
              new IndicatorValue(Indicator.RSS, 300e6 * noise()),
              new IndicatorValue(Indicator.THREADS, 2)));
    }
    CycleReport report =
        analyzer.judge(
            t,
            60,
            List.of(),
            List.of(
                new IndicatorValue(Indicator.RSS, 480e6),
                new IndicatorValue(Indicator.THREADS, 6),
                new IndicatorValue(Indicator.UPTIME, 14_400)));

    assertThat(report.indicators())
        .extracting(IndicatorResult::level)
        .containsExactly(Level.CRITICAL, Level.NORMAL, Level.INSUFFICIENT_DATA);
    assertThat(report.reasons())
        .singleElement()
        .asString()
        .startsWith("process.memory.usage 458 MB vs 287 MB baseline (+5");
  }

  @Test
  void aPinnedBaseline_judgesButLearnsNothing() {
    Analyzer learning = new Analyzer(AnalysisSettings.defaults());
    long t = replay(learning, START, 4 * HOUR, 1, i -> 0.100);
    Analyzer pinned = new Analyzer(AnalysisSettings.defaults().pinned(true));
    pinned.restore(learning.baselineStates());
    BaselineView before = pinned.expected(Analyzer.METHOD_PREFIX + "m0", t);

    t = replay(pinned, t, 3 * HOUR, 1, i -> 0.110);

    BaselineView after = pinned.expected(Analyzer.METHOD_PREFIX + "m0", t);
    assertThat(after.median())
        .as("nothing of the +10 %% hours learned")
        .isCloseTo(0.100, withinPercent(1));
    assertThat(after.samples())
        .as("only the hour that was being filled before pinning is rolled up")
        .isEqualTo(before.samples() + 1);
    assertThat(judgeOne(pinned, t, 0.140)).isEqualTo(Level.MODERATE);
  }

  private Level judgeOne(Analyzer analyzer, long t, double p95) {
    return analyzer.judge(t, 60, cycles(1, 300, i -> p95), List.of()).methods().get(0).level();
  }

  /** Feeds one cycle a minute of {@code methods} methods at their p95 (± 2 % noise). */
  private long replay(Analyzer a, long from, long span, int methods, P95 p95) {
    long t = from;
    for (; t < from + span; t += MINUTE) {
      a.judge(t, 60, cycles(methods, 300, i -> p95.of(i) * noise()), List.of());
    }
    return t;
  }

  private double noise() {
    return Math.exp(random.nextGaussian() * 0.02);
  }

  private static List<MethodCycle> cycles(int methods, long calls, P95 p95) {
    List<MethodCycle> out = new ArrayList<>();
    for (int i = 0; i < methods; i++) {
      double p = p95.of(i);
      out.add(
          MethodCycle.of(
              "m" + i, true, calls, 0, 60, p * 0.6, p * 0.2, p * 2, p * 0.3, p * 0.5, p * 0.9, p,
              p * 1.3));
    }
    return out;
  }

  private static org.assertj.core.data.Percentage withinPercent(double p) {
    return org.assertj.core.data.Percentage.withPercentage(p);
  }

  @FunctionalInterface
  private interface P95 {
    double of(int method);
  }
}
