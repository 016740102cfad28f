package io.perfagent.core.detect;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The detection-quality suite on the {@link SyntheticService}: each injection in its own run, fixed
 * seeds, simulated clock. Prints one {@code DETECTION |} line per run for DETECTION.md.
 */
class DetectionQualityTest {

  private static final int METHODS = 1000;
  private static final long WARMUP = 240;
  private static final long SEED = 20260101L;

  @Test
  void step_of25Percent_isAnInfoAnomalyOnThatMethodWithin3Cycles() {
    SyntheticService.Injection inj = new SyntheticService.Injection();
    inj.method = 0;
    inj.fromCycle = WARMUP;
    inj.stepFactor = 1.25;
    SyntheticService svc = run(inj, WARMUP + 30);

    List<Finding> onMethod = anomaliesOn(svc, svc.name(0));
    Finding first = onMethod.get(0);
    long delay = cyclesAfterInjection(first);
    report("step +25 %", svc, first, delay);
    assertThat(first.kind()).isIn(FindingKind.PERSISTENT_DEGRADATION, FindingKind.STEP_CHANGE);
    assertThat(delay).isBetween(1L, 3L);
    assertThat(onMethod)
        .filteredOn(f -> f.kind() == FindingKind.PERSISTENT_DEGRADATION)
        .first()
        .satisfies(f -> assertThat(f.severity()).isEqualTo(Severity.INFO));
    assertThat(svc.anomalies()).allMatch(f -> f.series().equals(svc.name(0)));
  }

  @Test
  void ramp_of25PercentOver2Hours_isFlaggedBeforeTheRampEnds() {
    SyntheticService.Injection inj = new SyntheticService.Injection();
    inj.method = 0;
    inj.fromCycle = WARMUP;
    inj.stepFactor = 1.25;
    inj.rampCycles = 120;
    SyntheticService svc = run(inj, WARMUP + 150);

    List<Finding> onMethod = anomaliesOn(svc, svc.name(0));
    assertThat(onMethod).isNotEmpty();
    long delay = cyclesAfterInjection(onMethod.get(0));
    report("ramp +25 % over 2 h", svc, onMethod.get(0), delay);
    assertThat(delay).isLessThan(120);
    assertThat(svc.anomalies()).allMatch(f -> f.series().equals(svc.name(0)));
  }

  @Test
  void singleFiveFoldSpike_isAnEventNotAnAnomaly() {
    SyntheticService.Injection inj = new SyntheticService.Injection();
    inj.method = 0;
    inj.fromCycle = WARMUP;
    inj.spikeOnce = true;
    SyntheticService svc = run(inj, WARMUP + 30);

    report("one ×5 spike", svc, null, -1);
    assertThat(svc.anomalies()).isEmpty();
    assertThat(svc.findings)
        .anySatisfy(
            f -> {
              assertThat(f.series()).isEqualTo(svc.name(0));
              assertThat(f.kind()).isEqualTo(FindingKind.OUTLIER);
              assertThat(f.isAnomaly()).isFalse();
              assertThat(f.timestamp()).isEqualTo(SyntheticService.ts(WARMUP));
            });
  }

  @Test
  void heapLeakOf2MbPerMinute_isFlaggedWithin30MinutesWithATimeToOom() {
    SyntheticService.Injection inj = new SyntheticService.Injection();
    inj.fromCycle = WARMUP;
    inj.leakBytesPerMin = 2 * SyntheticService.MB;
    SyntheticService svc = run(inj, WARMUP + 60);

    List<Finding> leaks =
        svc.anomalies().stream()
            .filter(f -> f.kind() == FindingKind.LEAK)
            .collect(Collectors.toList());
    assertThat(leaks).isNotEmpty();
    Finding first = leaks.get(0);
    long delay = cyclesAfterInjection(first);
    report("heap leak 2 MB/min", svc, first, delay);
    System.out.printf(
        Locale.ROOT,
        "DETECTION | leak estimate | slope %.2f MB/min (true 2.00), " + "time to OOM %s | %s%n",
        first.value() / 60 / SyntheticService.MB,
        Fmt.duration(first.timeToLimitMs()),
        first.evidence());
    Finding last = leaks.get(leaks.size() - 1);
    System.out.printf(
        Locale.ROOT,
        "DETECTION | leak latest estimate | after %d cycles: slope %.2f"
            + " MB/min, time to OOM %s, severity %s%n",
        cyclesAfterInjection(last),
        last.value() / 60 / SyntheticService.MB,
        Fmt.duration(last.timeToLimitMs()),
        last.severity().label());
    assertThat(first.series()).isEqualTo(Indicators.HEAP_AFTER_GC);
    assertThat(delay).isBetween(1L, 30L);
    assertThat(first.timeToLimitMs()).isPositive();
    assertThat(svc.anomalies()).allMatch(f -> f.kind() == FindingKind.LEAK);
  }

  @Test
  void twentyFourHoursOfSteadyLoad_giveNoAnomaly() {
    SyntheticService svc = run(new SyntheticService.Injection(), 1440);

    report("24 h steady, 1 440 × 1 000", svc, null, -1);
    System.out.printf(
        Locale.ROOT,
        "DETECTION | detector cost | median %.3f ms CPU per cycle for"
            + " %d methods + heap leak detector (engine only, after warm-up; load average %.1f)%n",
        svc.medianCycleMillis(),
        METHODS,
        java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
    assertThat(svc.anomalies()).isEmpty();
  }

  @Test
  void stepsOf25PercentAcross50Methods_areMostlyFoundWithin3Cycles() {
    SyntheticService.Injection inj = new SyntheticService.Injection();
    inj.fromCycle = WARMUP;
    inj.stepFactor = 1.25;
    inj.stepMethods = new int[50];
    for (int i = 0; i < 50; i++) {
      inj.stepMethods[i] = 7 + 20 * i;
    }
    SyntheticService svc = run(inj, WARMUP + 30);

    int within3 = 0;
    int found = 0;
    long delays = 0;
    for (int m : inj.stepMethods) {
      List<Finding> on = anomaliesOn(svc, svc.name(m));
      if (!on.isEmpty()) {
        found++;
        long d = cyclesAfterInjection(on.get(0));
        delays += d;
        if (d <= 3) {
          within3++;
        }
      }
    }
    System.out.printf(
        Locale.ROOT,
        "DETECTION | step +25 %% in 50 methods at once | found %d/50,"
            + " within 3 cycles %d/50, mean delay %.1f cycles, other anomalies %d%n",
        found,
        within3,
        found == 0 ? Double.NaN : delays / (double) found,
        svc.anomalies().stream().filter(f -> !isStepMethod(inj, svc, f.series())).count());
    assertThat(found).isEqualTo(50);
    assertThat(within3).isGreaterThanOrEqualTo(40);
  }

  private static boolean isStepMethod(
      SyntheticService.Injection inj, SyntheticService svc, String series) {
    for (int m : inj.stepMethods) {
      if (svc.name(m).equals(series)) {
        return true;
      }
    }
    return false;
  }

  private static SyntheticService run(SyntheticService.Injection inj, long cycles) {
    SyntheticService svc = new SyntheticService(METHODS, SEED, inj, DetectorSettings.DEFAULTS);
    svc.run(cycles);
    return svc;
  }

  private static List<Finding> anomaliesOn(SyntheticService svc, String series) {
    return svc.anomalies().stream()
        .filter(f -> f.series().equals(series))
        .collect(Collectors.toList());
  }

  /** 1 when found at the end of the first injected cycle. */
  private static long cyclesAfterInjection(Finding f) {
    return (f.timestamp() - SyntheticService.ts(WARMUP)) / SyntheticService.CYCLE_MS + 1;
  }

  private static void report(String run, SyntheticService svc, Finding first, long delay) {
    System.out.printf(
        Locale.ROOT,
        "DETECTION | %s | anomalies %d, events %d | first: %s%s%n",
        run,
        svc.anomalies().size(),
        svc.events(),
        first == null ? "-" : first.kind().id() + " " + first.severity().label(),
        delay < 0 ? "" : " after " + delay + " cycles");
  }
}
