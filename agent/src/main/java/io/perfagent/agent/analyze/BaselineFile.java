package io.perfagent.agent.analyze;

import io.perfagent.agent.log.AgentLog;
import io.perfagent.agent.store.AtomicFiles;
import io.perfagent.agent.store.HistoryWriter;
import io.perfagent.core.analyze.Analyzer;
import io.perfagent.core.analyze.BaselineCodec;
import io.perfagent.core.analyze.IndicatorResult;
import io.perfagent.core.analyze.IndicatorValue;
import io.perfagent.core.analyze.MethodCycle;
import io.perfagent.core.analyze.MethodResult;
import io.perfagent.core.history.HistoryReader;
import io.perfagent.core.history.HistoryRecord;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * {@code perfbaseline.json} in the state directory: restored at start so a restart keeps what was
 * learned, written atomically with a checksum. A damaged or foreign file costs one warning and the
 * baseline is rebuilt from the history files instead; nothing here is ever fatal.
 */
public final class BaselineFile {

  /** The file's name in the state directory. */
  public static final String NAME = "perfbaseline.json";

  /** The history files' base name: {@code perfwatch.jsonl}, {@code perfwatch.1.jsonl.gz}, … */
  public static final String HISTORY = "perfwatch";

  private BaselineFile() {}

  /**
   * Restores {@code analyzer}'s baselines from the file in {@code dir}, or from the history files
   * when the file is missing, damaged or another service's.
   *
   * @return a line saying where the baseline came from
   */
  public static String restore(Analyzer analyzer, Path dir, String service) {
    Path file = dir.resolve(NAME);
    String text;
    try {
      text = new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
    } catch (NoSuchFileException absent) {
      int cycles = rebuildFromHistory(analyzer, dir, service, AgentLog::warn);
      return cycles == 0
          ? "no baseline yet"
          : "baseline rebuilt from " + cycles + " cycles of history";
    } catch (IOException | RuntimeException unreadable) {
      AgentLog.warn("cannot read " + file + " (" + unreadable + "); rebuilding it from history");
      return "baseline rebuilt from "
          + rebuildFromHistory(analyzer, dir, service, AgentLog::warn)
          + " cycles of history";
    }
    try {
      BaselineCodec.Loaded loaded = BaselineCodec.read(text);
      if (!loaded.service().equals(service)) {
        AgentLog.warn(
            file
                + " belongs to service '"
                + loaded.service()
                + "', not '"
                + service
                + "'; starting a new baseline (set perf.state.dir per service)");
        return "new baseline";
      }
      analyzer.restore(loaded.states());
      return "baseline restored: " + loaded.states().size() + " series from " + file;
    } catch (IllegalArgumentException | ArithmeticException damaged) {
      AgentLog.warn(
          file + " is damaged (" + damaged.getMessage() + "); rebuilding it from history");
      return "baseline rebuilt from "
          + rebuildFromHistory(analyzer, dir, service, AgentLog::warn)
          + " cycles of history";
    }
  }

  /** Writes the analyzer's baselines atomically; a failure costs one throttled line. */
  public static boolean save(
      Analyzer analyzer, Path dir, String service, int windowHours, long nowEpochMillis) {
    try {
      String text =
          BaselineCodec.write(service, nowEpochMillis, windowHours, analyzer.baselineStates());
      AtomicFiles.write(dir.resolve(NAME), text.getBytes(StandardCharsets.UTF_8));
      return true;
    } catch (IOException | RuntimeException failure) {
      AgentLog.warnEvery(
          "baseline-save",
          600_000,
          "cannot write "
              + dir.resolve(NAME)
              + " ("
              + failure
              + "); the baseline lives on in memory");
      return false;
    }
  }

  /**
   * Feeds every cycle of {@code service} in the history files, oldest first, through {@code
   * analyzer}, which learns its baselines as it did when they were written. Corrupt lines are
   * skipped with a warning each.
   *
   * @return how many cycles were replayed
   */
  public static int rebuildFromHistory(
      Analyzer analyzer, Path dir, String service, Consumer<String> warnings) {
    int[] cycles = {0};
    try {
      for (Path file : HistoryWriter.filesOldestFirst(dir, HISTORY)) {
        try (BufferedReader in = HistoryWriter.openLines(file)) {
          HistoryReader.read(
              in,
              file.getFileName().toString(),
              r -> {
                if (r.service().equals(service)) {
                  replay(analyzer, r);
                  cycles[0]++;
                }
              },
              warnings);
        }
      }
    } catch (IOException | RuntimeException failure) {
      warnings.accept("cannot read the history in " + dir + ": " + failure);
    }
    return cycles[0];
  }

  private static void replay(Analyzer analyzer, HistoryRecord r) {
    List<MethodCycle> methods = new ArrayList<>();
    for (MethodResult m : r.report().methods()) {
      methods.add(m.cycle());
    }
    List<IndicatorValue> indicators = new ArrayList<>();
    for (IndicatorResult i : r.report().indicators()) {
      indicators.add(new IndicatorValue(i.indicator(), i.value()));
    }
    analyzer.judge(r.report().epochMillis(), r.report().intervalSeconds(), methods, indicators);
  }
}
