package io.perfagent.agent.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.perfagent.core.detect.DetectorSettings;
import io.perfagent.core.detect.Finding;
import io.perfagent.core.detect.Severity;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The real labelled series (../shared/data/cloud-monitoring-latency, next to the repository)
 * through the replay code with default settings: per file precision, recall, delay, false alarms
 * and the NAB-style score, written to target/detection-real.md for DETECTION.md. Asserts only that
 * every file was replayed: the numbers are reported, not judged.
 */
class ReplayRealDataTest {

  @Test
  void all23LabelledSeries_replayAndAreScored() throws Exception {
    Path data = findData();
    assumeTrue(
        data != null,
        "../shared/data/cloud-monitoring-latency not found next to the repository; skipped");
    List<Path> files;
    try (Stream<Path> s = Files.list(data)) {
      files =
          s.filter(p -> p.getFileName().toString().endsWith(".csv"))
              .sorted()
              .collect(Collectors.toList());
    }
    List<String> rows = new ArrayList<>();
    List<ReplayScore> perFile = new ArrayList<>();
    List<ReplayScore> perFileAlerting = new ArrayList<>();
    for (Path f : files) {
      Replay replay = new Replay(DetectorSettings.DEFAULTS, 0);
      new CsvSeriesInput().read(f, replay::accept);
      List<Finding> findings = replay.run();
      Replay.Cycles c = replay.cycles().get(0);
      ReplayScore a = ReplayScore.of(c, findings, false, Severity.INFO);
      ReplayScore w = ReplayScore.of(c, findings, false, Severity.WARNING);
      perFile.add(a);
      perFileAlerting.add(w);
      assertThat(a.points).isEqualTo(720);
      rows.add(
          String.format(
              Locale.ROOT,
              "| %s | %d | %d | %d | %s | %s | %s | %s | %d / %d / %s |",
              c.series,
              a.windows,
              a.truePositives,
              a.falseAlarms,
              ReplayScore.fmt(a.precision()),
              ReplayScore.fmt(a.recall()),
              ReplayScore.fmt(a.medianDelay()),
              ReplayScore.fmt(a.normalized()),
              w.truePositives,
              w.falseAlarms,
              ReplayScore.fmt(w.normalized())));
    }
    ReplayScore all = ReplayScore.sum(perFile);
    ReplayScore alerting = ReplayScore.sum(perFileAlerting);
    rows.add(
        String.format(
            Locale.ROOT,
            "| **all %d** | %d | %d | %d | %s | %s | %s | %s | %d / %d / %s |",
            files.size(),
            all.windows,
            all.truePositives,
            all.falseAlarms,
            ReplayScore.fmt(all.precision()),
            ReplayScore.fmt(all.recall()),
            ReplayScore.fmt(all.medianDelay()),
            ReplayScore.fmt(all.normalized()),
            alerting.truePositives,
            alerting.falseAlarms,
            ReplayScore.fmt(alerting.normalized())));
    String table =
        "| file | windows | detected | false alarms | precision | recall |"
            + " median delay (cycles = h) | NAB-style score | warning+ only: detected / false alarms /"
            + " score |\n|---|---|---|---|---|---|---|---|---|\n"
            + String.join("\n", rows)
            + "\n";
    Path target = Paths.get("target");
    Files.createDirectories(target);
    Files.write(target.resolve("detection-real.md"), table.getBytes(StandardCharsets.UTF_8));
    System.out.print(table);
    assertThat(files).hasSize(23);
  }

  /** ../shared next to the repository root, or next to one of its parents (worktrees). */
  private static Path findData() throws IOException {
    Path root = Paths.get("").toAbsolutePath().getParent(); // the agent module's parent
    for (Path p = root; p != null && p.getParent() != null; p = p.getParent()) {
      Path d = p.resolveSibling("shared").resolve("data").resolve("cloud-monitoring-latency");
      if (Files.isDirectory(d)) {
        return d;
      }
    }
    return null;
  }
}
