package io.perfagent.agent.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.function.Consumer;

/**
 * A recorded series file that {@code replay} can read. Implementations hand every point to the sink
 * in file order and stop at the first bad line with a {@link BadInputException} naming it. CSV
 * ({@link CsvSeriesInput}) is here; the {@code perfwatch.jsonl} reader (levels and baselines
 * included, rotated {@code .gz} too) plugs in through {@link #forFile(Path)}.
 */
interface SeriesInput {

  void read(Path file, Consumer<ReplayPoint> sink) throws IOException, BadInputException;

  /** The reader for {@code file}, chosen by its name. */
  static SeriesInput forFile(Path file, java.io.PrintStream warnings) {
    String name = file.getFileName().toString().toLowerCase(java.util.Locale.ROOT);
    if (name.endsWith(".jsonl") || name.endsWith(".jsonl.gz") || name.endsWith(".gz")) {
      return new HistorySeriesInput(warnings);
    }
    return new CsvSeriesInput();
  }
}
