package io.perfagent.agent.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReplayCommandTest {

  @TempDir Path dir;

  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  private int replay(String... args) {
    return Main.run(args, new PrintStream(out, true), new PrintStream(err, true));
  }

  private String out() {
    return new String(out.toByteArray(), StandardCharsets.UTF_8);
  }

  private String err() {
    return new String(err.toByteArray(), StandardCharsets.UTF_8);
  }

  /** Hourly points, 100 ± 1, with a +60 % shift on [from, to) labelled 1. */
  private Path series(String name, int n, int from, int to, boolean labels) throws IOException {
    StringBuilder s = new StringBuilder("TimeStamp,Value" + (labels ? ",Label" : "") + "\n");
    for (int i = 0; i < n; i++) {
      boolean bad = i >= from && i < to;
      s.append(
          String.format(
              "\"2018-06-%02dT%02d:00:00Z\",%s",
              1 + i / 24, i % 24, (bad ? 160 : 100) + (i % 3) - 1));
      s.append(labels ? (bad ? ",1" : ",0") : "").append('\n');
    }
    Path p = dir.resolve(name);
    Files.write(p, s.toString().getBytes(StandardCharsets.UTF_8));
    return p;
  }

  @Test
  void json_onAFlatSeries_printsNothingOnStdout() throws IOException {
    Path flat = series("flat.csv", 200, 0, 0, false);
    assertThat(replay("replay", flat.toString(), "--json")).isZero();
    assertThat(out()).isEmpty();
    assertThat(err()).contains("flat: 200 cycles, 0 anomalies");
  }

  @Test
  void json_printsOneObjectPerFindingPerLine_andScoresOnStderr() throws IOException {
    Path shift = series("shift.csv", 200, 100, 110, true);
    assertThat(replay("replay", shift.toString(), "--json")).isZero();
    String[] lines = out().split("\n");
    assertThat(lines).isNotEmpty().allSatisfy(l -> assertThat(l).startsWith("{").endsWith("}"));
    assertThat(out()).contains("\"kind\":\"persistent_degradation\"", "\"series\":\"shift\"");
    assertThat(err()).contains("shift: windows 1, detected 1, false alarms 0", "recall 1.00");
  }

  @Test
  void text_printsFindingsAndTheScore() throws IOException {
    Path shift = series("shift.csv", 200, 100, 110, true);
    assertThat(replay("replay", shift.toString())).isZero();
    assertThat(out())
        .contains("2018-06-05T06:00:00Z  critical persistent_degradation shift:")
        .contains("precision 1.00, recall 1.00");
    assertThat(err()).isEmpty();
  }

  @Test
  void interval_aggregatesPointsIntoCycles() throws IOException {
    Path shift = series("shift.csv", 200, 100, 110, false);
    assertThat(replay("replay", shift.toString(), "--interval", "2h", "--json")).isZero();
    assertThat(err()).contains("shift: 100 cycles");
  }

  @Test
  void badLine_isReportedWithItsNumber_exit1() throws IOException {
    Path bad = dir.resolve("bad.csv");
    Files.write(bad, "t,v\n1700000000,1.5\n1700000060,abc\n".getBytes(StandardCharsets.UTF_8));
    assertThat(replay("replay", bad.toString())).isEqualTo(1);
    assertThat(err())
        .isEqualTo(
            "perf-agent replay: bad.csv:3: expected a number in column 2 (value), got 'abc'\n");
    assertThat(out()).isEmpty();
  }

  @Test
  void timestampsGoingBack_orBadLabels_areRejectedWithTheLine() throws IOException {
    Path back = dir.resolve("back.csv");
    Files.write(back, "1700000060,1\n1700000000,2\n".getBytes(StandardCharsets.UTF_8));
    assertThat(replay("replay", back.toString())).isEqualTo(1);
    assertThat(err()).contains("back.csv:2: timestamps must increase");
    Path label = dir.resolve("label.csv");
    Files.write(label, "1700000000,1,0\n1700000060,2,yes\n".getBytes(StandardCharsets.UTF_8));
    err.reset();
    assertThat(replay("replay", label.toString())).isEqualTo(1);
    assertThat(err()).contains("label.csv:2: expected a label of 0 or 1 in column 3, got 'yes'");
  }

  @Test
  void missingFile_exit1_andUsageErrors_exit2() {
    assertThat(replay("replay", dir.resolve("none.csv").toString())).isEqualTo(1);
    assertThat(err()).contains("none.csv: no such file");
    err.reset();
    assertThat(replay("replay")).isEqualTo(2);
    assertThat(err()).contains("expected a file; usage: replay <file.csv or perfwatch.jsonl[.gz]>");
    err.reset();
    assertThat(replay("replay", "x.csv", "--interval", "soon")).isEqualTo(2);
    assertThat(err()).contains("--interval: expected a duration like 60s, 5m or 1h, got 'soon'");
    err.reset();
    assertThat(replay("replay", "x.csv", "--frob")).isEqualTo(2);
    assertThat(err()).contains("unknown option '--frob'");
  }

  @Test
  void aHistoryFileWithNoCycle_isBadInput() throws IOException {
    Path jsonl = dir.resolve("perfwatch.jsonl");
    Files.write(jsonl, "{}\n".getBytes(StandardCharsets.UTF_8));
    assertThat(replay("replay", jsonl.toString())).isEqualTo(1);
    assertThat(err())
        .contains("perfwatch.jsonl line 1: expected a perfwatch.jsonl line: 'timestamp'");
  }
}
