package io.perfagent.agent.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.perfagent.core.analyze.AnalysisSettings;
import io.perfagent.core.analyze.Analyzer;
import io.perfagent.core.analyze.MethodCycle;
import io.perfagent.core.history.HistoryCodec;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code replay} over the agent's own history: plain, rotated (gzip), torn and foreign files. */
class HistoryReplayTest {

  @TempDir Path dir;

  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  @Test
  void aDoubledP95_inTheHistory_isFoundAgain_andATornLastLineIsSkipped() throws Exception {
    Path file = dir.resolve("perfwatch.jsonl");
    Files.writeString(file, history() + "{\"timestamp\":17", StandardCharsets.UTF_8);

    int code = replay(file.toString(), "--json");

    assertThat(code).as(err()).isZero();
    List<String> lines = Arrays.asList(out().split("\n"));
    assertThat(lines).allSatisfy(l -> assertThat(l).startsWith("{").endsWith("}"));
    assertThat(lines)
        .anySatisfy(
            l ->
                assertThat(l)
                    .contains(
                        "\"kind\":\"persistent_degradation\"", "\"series\":\"shop.Cart.add\""));
    assertThat(err()).contains("perfwatch.jsonl line 31 skipped");
  }

  @Test
  void aRotatedGzipFile_replaysTheSame() throws Exception {
    Path file = dir.resolve("perfwatch.1.jsonl.gz");
    try (OutputStream gz = new GZIPOutputStream(Files.newOutputStream(file))) {
      gz.write(history().getBytes(StandardCharsets.UTF_8));
    }
    assertThat(replay(file.toString(), "--json")).as(err()).isZero();
    assertThat(out()).contains("\"kind\":\"persistent_degradation\"");
  }

  @Test
  void aFileThatIsNotHistory_isBadInputNamingItsFirstLine() throws Exception {
    Path file = dir.resolve("notes.jsonl");
    Files.writeString(file, "hello\n", StandardCharsets.UTF_8);
    assertThat(replay(file.toString())).isEqualTo(1);
    assertThat(err()).contains(file + " line 1: expected a perfwatch.jsonl line");
  }

  /** 20 cycles at 10 ms, then 10 at 20 ms, as the agent writes them. */
  private static String history() {
    Analyzer a = new Analyzer(AnalysisSettings.defaults());
    StringBuilder s = new StringBuilder();
    long t = 1_764_547_200_000L;
    for (int c = 0; c < 30; c++, t += 60_000) {
      double p95 = c < 20 ? 0.010 : 0.020;
      s.append(
              HistoryCodec.line(
                  a.judge(
                      t,
                      60,
                      List.of(
                          MethodCycle.of(
                              "shop.Cart.add",
                              true,
                              400,
                              0,
                              60,
                              p95,
                              p95,
                              p95,
                              0,
                              p95,
                              p95,
                              p95,
                              p95)),
                      List.of()),
                  "shop",
                  "i-1"))
          .append('\n');
    }
    return s.toString();
  }

  private int replay(String... args) {
    String[] all = new String[args.length + 1];
    all[0] = "replay";
    System.arraycopy(args, 0, all, 1, args.length);
    return Main.run(all, new PrintStream(out, true), new PrintStream(err, true));
  }

  private String out() {
    return new String(out.toByteArray(), StandardCharsets.UTF_8);
  }

  private String err() {
    return new String(err.toByteArray(), StandardCharsets.UTF_8);
  }
}
