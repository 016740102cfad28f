package io.perfagent.agent.analyze;

import io.perfagent.agent.log.AgentLog;
import io.perfagent.core.detect.Finding;
import io.perfagent.core.detect.Severity;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import jdk.jfr.Configuration;
import jdk.jfr.Recording;
import org.jspecify.annotations.Nullable;

/**
 * On a critical anomaly, a short Java Flight Recorder recording of what the JVM does next, into
 * {@code jfr/} in the state directory: the evidence an operator wants when the alert arrives and
 * the moment has passed. Off by default ({@code perf.jfr.on-critical}); at most one recording per
 * {@link #MIN_GAP}, and only the newest {@value #KEPT} files are kept, so a flapping service cannot
 * fill the disk. It only observes: the recording uses the JDK's {@code profile} settings and stops
 * by itself after {@code perf.jfr.duration}.
 *
 * <p>The JDK writes the file when the recording ends, from its own thread; nothing here blocks. A
 * runtime without JFR (a trimmed image) gets one line and no further attempt.
 */
final class JfrCapture {

  static final Duration MIN_GAP = Duration.ofHours(1);
  static final int KEPT = 5;
  static final String PREFIX = "perf-critical-";

  private static final DateTimeFormatter STAMP =
      DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss", Locale.ROOT).withZone(ZoneOffset.UTC);

  private final Path dir;
  private final Duration duration;
  private long lastStartMillis = Long.MIN_VALUE;
  private boolean unavailable;

  JfrCapture(Path stateDir, Duration duration) {
    this.dir = stateDir.resolve("jfr");
    this.duration = duration;
  }

  /**
   * Starts a recording if one of {@code findings} opens a critical anomaly and the last one started
   * at least {@link #MIN_GAP} before {@code nowMillis}; returns its file, or null.
   */
  @Nullable Path onFindings(List<Finding> findings, long nowMillis) {
    Finding critical = firstCritical(findings);
    if (critical == null || unavailable) {
      return null;
    }
    if (lastStartMillis != Long.MIN_VALUE && nowMillis - lastStartMillis < MIN_GAP.toMillis()) {
      AgentLog.debug(
          "no JFR recording for "
              + critical.series()
              + ": one was started less than "
              + MIN_GAP.toMinutes()
              + " min ago");
      return null;
    }
    lastStartMillis = nowMillis;
    Path file = dir.resolve(PREFIX + STAMP.format(Instant.ofEpochMilli(nowMillis)) + ".jfr");
    try {
      Files.createDirectories(dir);
      removeOldest(KEPT - 1);
      start(file);
      AgentLog.warn(
          "recording "
              + duration.getSeconds()
              + " s of JFR for the critical "
              + critical.kind().id()
              + " on "
              + critical.series()
              + " into "
              + file);
      return file;
    } catch (IOException | ParseException | RuntimeException e) {
      AgentLog.warn("could not start a JFR recording into " + file + " (" + e + ")");
      return null;
    } catch (LinkageError e) {
      unavailable = true;
      AgentLog.warn(
          "perf.jfr.on-critical: this Java runtime has no Flight Recorder ("
              + e
              + "); no recordings will be taken");
      return null;
    }
  }

  private void start(Path file) throws IOException, ParseException {
    Recording recording = new Recording(Configuration.getConfiguration("profile"));
    recording.setName("perf-agent critical anomaly");
    recording.setToDisk(true);
    recording.setDestination(file);
    recording.setDuration(duration);
    recording.start();
  }

  private static @Nullable Finding firstCritical(List<Finding> findings) {
    for (Finding f : findings) {
      if (f.opensAnomaly() && f.severity() == Severity.CRITICAL) {
        return f;
      }
    }
    return null;
  }

  /** Deletes the oldest recordings until at most {@code keep} remain. */
  private void removeOldest(int keep) throws IOException {
    List<Path> files;
    try (Stream<Path> list = Files.list(dir)) {
      files =
          list.filter(p -> p.getFileName().toString().startsWith(PREFIX))
              .sorted() // the UTC stamp in the name sorts by time
              .collect(Collectors.toCollection(ArrayList::new));
    }
    for (int i = 0; i < files.size() - keep; i++) {
      Files.deleteIfExists(files.get(i));
    }
  }
}
