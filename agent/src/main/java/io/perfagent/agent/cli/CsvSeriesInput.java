package io.perfagent.agent.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.function.Consumer;

/**
 * {@code timestamp,value[,label]} per line; an optional header line; fields may be quoted.
 * Timestamps: ISO-8601 ({@code 2018-06-17T00:00:00Z}, with an offset, or without one taken as UTC,
 * {@code T} or a space) or epoch seconds / milliseconds. Labels: 0 or 1. Timestamps must increase.
 * The series is named after the file.
 */
final class CsvSeriesInput implements SeriesInput {

  @Override
  public void read(Path file, Consumer<ReplayPoint> sink) throws IOException, BadInputException {
    String name = file.getFileName().toString();
    String series = name.replaceFirst("\\.csv$", "");
    long lineNo = 0;
    long last = Long.MIN_VALUE;
    int columns = -1;
    try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      String line;
      while ((line = r.readLine()) != null) {
        lineNo++;
        if (line.trim().isEmpty()) {
          continue;
        }
        String[] f = line.split(",", -1);
        if (lineNo == 1 && !looksLikeTime(unquote(f[0]))) {
          continue; // header
        }
        if (f.length < 2 || f.length > 3) {
          throw BadInputException.at(
              name, lineNo, "expected timestamp,value[,label], got " + f.length + " columns");
        }
        if (columns >= 0 && f.length != columns) {
          throw BadInputException.at(
              name,
              lineNo,
              "expected " + columns + " columns like the lines before, got " + f.length);
        }
        columns = f.length;
        long ts = time(unquote(f[0]), name, lineNo);
        if (ts <= last) {
          throw BadInputException.at(
              name,
              lineNo,
              "timestamps must increase, got "
                  + unquote(f[0])
                  + " after "
                  + Instant.ofEpochMilli(last));
        }
        last = ts;
        double value = number(unquote(f[1]), name, lineNo);
        int label = -1;
        if (f.length == 3) {
          String l = unquote(f[2]).trim();
          if (!l.equals("0") && !l.equals("1")) {
            throw BadInputException.at(
                name, lineNo, "expected a label of 0 or 1 in column 3, got '" + l + "'");
          }
          label = l.charAt(0) - '0';
        }
        sink.accept(ReplayPoint.bare(series, ts, value, label));
      }
    }
    if (last == Long.MIN_VALUE) {
      throw BadInputException.at(name, lineNo, "no data lines");
    }
  }

  private static boolean looksLikeTime(String s) {
    s = s.trim();
    return !s.isEmpty() && Character.isDigit(s.charAt(0));
  }

  private static String unquote(String s) {
    String t = s.trim();
    if (t.length() >= 2 && t.startsWith("\"") && t.endsWith("\"")) {
      return t.substring(1, t.length() - 1);
    }
    return t;
  }

  private static long time(String s, String file, long line) throws BadInputException {
    try {
      if (s.matches("\\d{9,13}")) {
        long n = Long.parseLong(s);
        return n < 100_000_000_000L ? n * 1000 : n;
      }
      String iso = s.replace(' ', 'T');
      if (iso.endsWith("Z") || iso.matches(".*[+-]\\d\\d:?\\d\\d$")) {
        return OffsetDateTime.parse(iso).toInstant().toEpochMilli();
      }
      return LocalDateTime.parse(iso).toInstant(ZoneOffset.UTC).toEpochMilli();
    } catch (DateTimeParseException | NumberFormatException e) {
      throw BadInputException.at(
          file,
          line,
          "expected a timestamp (ISO-8601 or epoch seconds/ms)" + " in column 1, got '" + s + "'");
    }
  }

  private static double number(String s, String file, long line) throws BadInputException {
    try {
      double v = Double.parseDouble(s);
      if (Double.isNaN(v) || Double.isInfinite(v)) {
        throw new NumberFormatException();
      }
      return v;
    } catch (NumberFormatException e) {
      throw BadInputException.at(
          file, line, "expected a number in column 2 (value), got '" + s + "'");
    }
  }
}
