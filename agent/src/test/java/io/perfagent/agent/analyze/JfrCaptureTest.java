package io.perfagent.agent.analyze;

import static org.assertj.core.api.Assertions.assertThat;

import io.perfagent.core.detect.Finding;
import io.perfagent.core.detect.FindingKind;
import io.perfagent.core.detect.Severity;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JfrCaptureTest {

  private static final long NOW = 1_767_225_600_000L; // 2026-01-01T00:00Z

  @TempDir Path state;

  @Test
  void aCriticalAnomaly_recordsJfrIntoTheStateDir_whichTheJdkCanRead() throws Exception {
    JfrCapture capture = new JfrCapture(state, Duration.ofSeconds(1));

    Path file = capture.onFindings(List.of(finding(Severity.CRITICAL)), NOW);

    assertThat(file).isEqualTo(state.resolve("jfr/perf-critical-20260101-000000.jfr"));
    List<RecordedEvent> events = awaitRecording(file);
    assertThat(events).isNotEmpty();
  }

  @Test
  void warningsAndResolutions_recordNothing() {
    JfrCapture capture = new JfrCapture(state, Duration.ofSeconds(1));
    Finding resolved =
        Finding.builder(FindingKind.PERSISTENT_DEGRADATION, "shop.Cart.add")
            .timestamp(NOW)
            .severity(Severity.CRITICAL)
            .resolved()
            .evidence("back to normal")
            .build();

    assertThat(capture.onFindings(List.of(finding(Severity.WARNING), resolved), NOW)).isNull();
    assertThat(state.resolve("jfr")).doesNotExist();
  }

  @Test
  void atMostOneRecordingAnHour() throws Exception {
    JfrCapture capture = new JfrCapture(state, Duration.ofSeconds(1));
    Path first = capture.onFindings(List.of(finding(Severity.CRITICAL)), NOW);
    awaitRecording(first);

    Path tooSoon = capture.onFindings(List.of(finding(Severity.CRITICAL)), NOW + 59 * 60_000);
    Path anHourLater = capture.onFindings(List.of(finding(Severity.CRITICAL)), NOW + 60 * 60_000);

    assertThat(tooSoon).isNull();
    assertThat(anHourLater).isNotNull().isNotEqualTo(first);
    awaitRecording(anHourLater);
  }

  @Test
  void onlyTheNewestFiveRecordingsAreKept() throws Exception {
    Path dir = Files.createDirectories(state.resolve("jfr"));
    for (int day = 1; day <= 6; day++) {
      Files.write(dir.resolve("perf-critical-2025120" + day + "-120000.jfr"), new byte[] {1});
    }
    Files.write(dir.resolve("mine.jfr"), new byte[] {1}); // not ours: left alone

    Path file =
        new JfrCapture(state, Duration.ofSeconds(1))
            .onFindings(List.of(finding(Severity.CRITICAL)), NOW);
    awaitRecording(file);

    try (Stream<Path> files = Files.list(dir)) {
      assertThat(files.map(p -> p.getFileName().toString()).sorted().collect(Collectors.toList()))
          .containsExactly(
              "mine.jfr",
              "perf-critical-20251203-120000.jfr",
              "perf-critical-20251204-120000.jfr",
              "perf-critical-20251205-120000.jfr",
              "perf-critical-20251206-120000.jfr",
              "perf-critical-20260101-000000.jfr");
    }
  }

  private static Finding finding(Severity severity) {
    return Finding.builder(FindingKind.PERSISTENT_DEGRADATION, "shop.Cart.add")
        .timestamp(NOW)
        .severity(severity)
        .evidence("p95 +120 % for 3 cycles")
        .build();
  }

  /** The recording's events, once the JDK has written the file (the duration plus a margin). */
  private static List<RecordedEvent> awaitRecording(Path file) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    Exception last = null;
    while (System.nanoTime() < deadline) {
      if (Files.exists(file) && Files.size(file) > 0) {
        try {
          return RecordingFile.readAllEvents(file);
        } catch (java.io.IOException e) {
          last = e; // still being written
        }
      }
      Thread.sleep(100);
    }
    throw new AssertionError("no readable recording at " + file, last);
  }
}
