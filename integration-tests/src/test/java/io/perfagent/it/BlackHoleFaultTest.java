package io.perfagent.it;

import static io.perfagent.it.Faults.ARRIVAL;
import static io.perfagent.it.Faults.STEP;
import static org.assertj.core.api.Assertions.assertThat;

import io.perfagent.it.collector.RealCollector;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The Collector's endpoint accepts connections and never answers for most of a soak ({@code
 * it.fault.duration}), then comes back. Meanwhile the application's threads, open files and memory
 * stay flat, its log gets a line a minute at most, and its throughput is that of a run whose agent
 * exports nothing; afterwards every call arrives, exactly.
 */
class BlackHoleFaultTest {

  private static final long PAUSE_MICROS = 1000;

  @Test
  void blackHoledCollector_boundedThreadsFilesMemoryAndLog_throughputKept_thenEveryCallArrives()
      throws Exception {
    Duration soak = Faults.soak();
    long calls = soak.toMillis() * 800 / 1000; // ~1.1 ms a call: the run lasts about the soak
    long baselineCalls = Math.min(calls, 3000);
    AppJvm.Result baseline =
        new AppJvm(Faults.jdk())
            .withAgent("otel.metrics.exporter=none")
            .main("fault.Worker", Long.toString(baselineCalls), Long.toString(PAUSE_MICROS))
            .run(Duration.ofMinutes(5));
    CollectorOutageFaultTest.assertFinishedUnchanged(baseline, baselineCalls);

    String service = "black-holed";
    try (RealCollector collector = RealCollector.start();
        BlackHole hole = new BlackHole();
        AppJvm.Running app =
            new AppJvm(Faults.jdk())
                .withAgent(null)
                .env("OTEL_SERVICE_NAME", service)
                .env("OTEL_EXPORTER_OTLP_ENDPOINT", "http://127.0.0.1:" + hole.port())
                .env("OTEL_METRIC_EXPORT_INTERVAL", "250")
                // Lingers 3 s after its last call: periodic exports deliver the total while it is
                // up, so the count does not hang on the export at exit (see ExitExportFaultTest).
                .main("fault.Worker", Long.toString(calls), Long.toString(PAUSE_MICROS), "3000")
                .start()) {
      app.awaitOutput("STARTED", Duration.ofSeconds(30));
      long holeMillis = soak.toMillis() * 2 / 3;
      long warmUpEnd = System.currentTimeMillis() + holeMillis / 4;
      long holeEnd = System.currentTimeMillis() + holeMillis;
      List<long[]> warm = new ArrayList<>(); // threads, open files, RSS in kB
      List<long[]> later = new ArrayList<>();
      while (System.currentTimeMillis() < holeEnd && app.isAlive()) {
        long[] sample = sample(app.pid());
        (System.currentTimeMillis() < warmUpEnd ? warm : later).add(sample);
        Thread.sleep(250);
      }
      int heldConnections = hole.accepted();
      hole.forwardTo(collector.httpPort()); // http/protobuf, the default protocol
      AppJvm.Result run = app.awaitExit(soak.plus(Duration.ofMinutes(2)));

      CollectorOutageFaultTest.assertFinishedUnchanged(run, calls);
      assertThat(collector.awaitCalls(service, STEP, null, calls, ARRIVAL))
          .as(collector.log())
          .isEqualTo(calls);

      String measured =
          "warm-up "
              + describe(warm)
              + ", later "
              + describe(later)
              + ", "
              + heldConnections
              + " connections held by the black hole";
      System.out.println("[black hole, " + soak.getSeconds() + " s soak] " + measured);
      assertThat(warm).as("samples in the warm-up").isNotEmpty();
      assertThat(later).as("samples after the warm-up").isNotEmpty();
      assertThat(max(later, 0)).as("threads: " + measured).isLessThanOrEqualTo(max(warm, 0) + 2);
      assertThat(max(later, 1)).as("open files: " + measured).isLessThanOrEqualTo(max(warm, 1) + 4);
      assertThat(max(later, 2) - max(warm, 2))
          .as("RSS growth in kB: " + measured)
          .isLessThan(64 * 1024);
      // One connection per export attempt that timed out (10 s by default), not one per interval.
      assertThat(heldConnections).as(measured).isLessThanOrEqualTo(2 + (int) (holeMillis / 5000));

      long failureLines = Faults.lines(run.stderr, "failed (");
      assertThat(failureLines).as(run.stderr).isBetween(1L, 1 + soak.toMinutes());
      assertThat(Faults.lines(run.stderr, "works again")).as(run.stderr).isPositive();

      double baselineRate = rate(baseline, baselineCalls);
      double rate = rate(run, calls);
      System.out.printf(
          "[black hole] %.0f calls/s against %.0f calls/s with no export%n", rate, baselineRate);
      assertThat(rate)
          .as("calls per second against %.0f with no export", baselineRate)
          .isGreaterThan(0.8 * baselineRate);
    }
  }

  private static long[] sample(long pid) throws IOException {
    long threads = 0;
    long rssKb = 0;
    for (String line : Files.readAllLines(Paths.get("/proc", Long.toString(pid), "status"))) {
      if (line.startsWith("Threads:")) {
        threads = Long.parseLong(line.substring(8).trim());
      } else if (line.startsWith("VmRSS:")) {
        rssKb = Long.parseLong(line.substring(6).replace("kB", "").trim());
      }
    }
    long files;
    try (Stream<Path> fds = Files.list(Paths.get("/proc", Long.toString(pid), "fd"))) {
      files = fds.count();
    }
    return new long[] {threads, files, rssKb};
  }

  private static long max(List<long[]> samples, int index) {
    return samples.stream().mapToLong(s -> s[index]).max().orElse(0);
  }

  private static String describe(List<long[]> samples) {
    return "max threads "
        + max(samples, 0)
        + ", files "
        + max(samples, 1)
        + ", RSS "
        + max(samples, 2) / 1024
        + " MB ("
        + samples.size()
        + " samples)";
  }

  private static double rate(AppJvm.Result run, long calls) {
    String elapsed =
        run.stdout.lines().filter(l -> l.startsWith("ELAPSED_MS ")).findFirst().orElseThrow();
    return calls * 1000.0 / Math.max(1, Long.parseLong(elapsed.substring(11).trim()));
  }
}
