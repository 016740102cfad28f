package io.perfagent.core.history;

import java.io.BufferedReader;
import java.io.IOException;
import java.util.function.Consumer;

/**
 * Reads history lines and hands each good one on. A torn or corrupt line (kill -9 mid-append, a
 * full disk, an edit by hand) is skipped with one warning naming the source and line number;
 * nothing else is lost.
 */
public final class HistoryReader {

  private HistoryReader() {}

  /**
   * Reads every line of {@code in}.
   *
   * @param source what to call the input in warnings (a file name)
   * @return how many lines were skipped
   */
  public static int read(
      BufferedReader in, String source, Consumer<HistoryRecord> records, Consumer<String> warnings)
      throws IOException {
    int skipped = 0;
    int number = 0;
    String line;
    while ((line = in.readLine()) != null) {
      number++;
      if (line.isEmpty()) {
        continue;
      }
      HistoryRecord record;
      try {
        record = HistoryCodec.parse(line);
      } catch (IllegalArgumentException | ArithmeticException bad) {
        skipped++;
        warnings.accept(source + " line " + number + " skipped: " + bad.getMessage());
        continue;
      }
      records.accept(record);
    }
    return skipped;
  }
}
