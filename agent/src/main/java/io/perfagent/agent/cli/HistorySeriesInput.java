package io.perfagent.agent.cli;

import io.perfagent.agent.store.HistoryWriter;
import io.perfagent.core.analyze.IndicatorResult;
import io.perfagent.core.analyze.MethodCycle;
import io.perfagent.core.analyze.MethodResult;
import io.perfagent.core.history.HistoryReader;
import io.perfagent.core.history.HistoryRecord;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Reads a {@code perfwatch.jsonl} (or a rotated {@code .jsonl.gz}) for replay: every timed method's
 * p95 and every judged indicator's value, with the level and baseline the agent gave them then. A
 * torn or corrupt line is skipped with one warning naming its line (the agent writes that file
 * line-wise, so a kill -9 can leave one); a file with no readable line at all is bad input.
 */
final class HistorySeriesInput implements SeriesInput {

  private final PrintStream warnings;

  HistorySeriesInput(PrintStream warnings) {
    this.warnings = warnings;
  }

  @Override
  public void read(Path file, Consumer<ReplayPoint> sink) throws IOException, BadInputException {
    List<String> skipped = new ArrayList<>();
    int[] records = {0};
    try (BufferedReader in = HistoryWriter.openLines(file)) {
      HistoryReader.read(
          in,
          file.toString(),
          r -> {
            records[0]++;
            points(r, sink);
          },
          skipped::add);
    }
    if (records[0] == 0 && !skipped.isEmpty()) {
      throw new BadInputException(
          skipped.get(0).replace(" skipped: ", ": expected a perfwatch.jsonl line: "));
    }
    for (String s : skipped) {
      warnings.println("perf-agent replay: " + s);
    }
  }

  private static void points(HistoryRecord r, Consumer<ReplayPoint> sink) {
    long ts = r.report().epochMillis();
    for (MethodResult m : r.report().methods()) {
      MethodCycle c = m.cycle();
      if (c.timed()) {
        sink.accept(
            new ReplayPoint(
                c.name(),
                ts,
                c.p95Seconds(),
                -1,
                m.level(),
                m.baseline().median(),
                c.calls(),
                c.errors()));
      }
    }
    for (IndicatorResult i : r.report().indicators()) {
      if (i.indicator().judged() && !Double.isNaN(i.value())) {
        sink.accept(
            new ReplayPoint(
                i.indicator().key(), ts, i.value(), -1, i.level(), i.baseline().median(), -1, -1));
      }
    }
  }
}
