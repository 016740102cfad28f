package io.perfagent.agent.cli;

import io.perfagent.core.detect.DetectorSettings;
import io.perfagent.core.detect.Finding;
import io.perfagent.core.detect.Severity;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code replay <file> [--interval 1h] [--json] [--two-sided]}: runs a recorded series through the
 * detectors offline and prints the findings; with labels, precision, recall, detection delay and a
 * NAB-style score. With {@code --json}, stdout carries exactly one JSON object per finding per line
 * and nothing else; summaries go to stderr. Exit codes: 0 done, 1 bad input, 2 bad usage.
 */
final class ReplayCommand {

  static final String USAGE =
      "replay <file.csv or perfwatch.jsonl[.gz]> [--interval 1h] [--json] [--two-sided]";
  private static final Pattern DURATION = Pattern.compile("(\\d+)(ms|s|m|min|h|d)");

  private ReplayCommand() {}

  static int run(String[] args, PrintStream out, PrintStream err) {
    Path file = null;
    long interval = 0;
    boolean json = false;
    boolean twoSided = false;
    for (int i = 0; i < args.length; i++) {
      String a = args[i];
      if (a.equals("--json")) {
        json = true;
      } else if (a.equals("--two-sided")) {
        twoSided = true;
      } else if (a.equals("--interval") || a.startsWith("--interval=")) {
        String v =
            a.startsWith("--interval=") ? a.substring(11) : i + 1 < args.length ? args[++i] : "";
        interval = duration(v);
        if (interval <= 0) {
          err.println(
              "perf-agent replay: --interval: expected a duration like 60s, 5m or 1h, got '"
                  + v
                  + "'");
          return 2;
        }
      } else if (a.startsWith("-")) {
        err.println("perf-agent replay: unknown option '" + a + "'; usage: " + USAGE);
        return 2;
      } else if (file == null) {
        file = Paths.get(a);
      } else {
        err.println(
            "perf-agent replay: expected one file, got '"
                + file
                + "' and '"
                + a
                + "'; usage: "
                + USAGE);
        return 2;
      }
    }
    if (file == null) {
      err.println("perf-agent replay: expected a file; usage: " + USAGE);
      return 2;
    }
    DetectorSettings settings = DetectorSettings.builder().twoSided(twoSided).build();
    Replay replay = new Replay(settings, interval);
    try {
      if (!Files.isRegularFile(file)) {
        throw new NoSuchFileException(file.toString());
      }
      SeriesInput.forFile(file, err).read(file, replay::accept);
    } catch (BadInputException e) {
      err.println("perf-agent replay: " + e.getMessage());
      return 1;
    } catch (NoSuchFileException e) {
      err.println("perf-agent replay: " + file + ": no such file");
      return 1;
    } catch (IOException | RuntimeException e) {
      err.println("perf-agent replay: " + file + ": cannot read: " + e);
      return 1;
    }
    List<Finding> findings = replay.run();
    PrintStream summary = json ? err : out;
    for (Finding f : findings) {
      out.println(json ? f.toJson() : line(f));
    }
    for (Replay.Cycles c : replay.cycles()) {
      long anomalies =
          findings.stream()
              .filter(f -> f.opensAnomaly() && f.series().equals(c.series))
              .map(Finding::id)
              .distinct()
              .count();
      long events =
          findings.stream().filter(f -> !f.isAnomaly() && f.series().equals(c.series)).count();
      summary.println(
          c.series
              + ": "
              + c.ts.length
              + " cycles, "
              + anomalies
              + " anomalies, "
              + events
              + " events");
      if (c.labelled) {
        summary.println(
            c.series + ": " + ReplayScore.of(c, findings, false, Severity.INFO).summary());
      }
    }
    return 0;
  }

  private static String line(Finding f) {
    String what = f.isResolved() ? "resolved" : f.isAnomaly() ? f.severity().label() : "event";
    return String.format(
        Locale.ROOT,
        "%s  %-8s %-22s %s: %s",
        Instant.ofEpochMilli(f.timestamp()),
        what,
        f.kind().id(),
        f.series(),
        f.evidence());
  }

  /** 60s, 5m, 5min, 1h, 1d, 500ms → milliseconds; -1 when not a duration. */
  static long duration(String s) {
    Matcher m = DURATION.matcher(s.trim());
    if (!m.matches()) {
      return -1;
    }
    long n = Long.parseLong(m.group(1));
    switch (m.group(2)) {
      case "ms":
        return n;
      case "s":
        return n * 1000;
      case "m":
      case "min":
        return n * 60_000;
      case "h":
        return n * 3_600_000;
      default:
        return n * 86_400_000;
    }
  }
}
