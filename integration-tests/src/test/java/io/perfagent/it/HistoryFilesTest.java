package io.perfagent.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Duration;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The analysis cycle seen from outside: a JVM with the agent and one-second cycles writes {@code
 * perfwatch.jsonl}, whose per-method calls add up to exactly the calls the application made, and
 * {@code perfbaseline.json}, which the next run of the same service restores.
 */
class HistoryFilesTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern CALLS = Pattern.compile("CALLS (\\S+)=(\\d+)");

  @TempDir Path state;

  static List<String> jdks() {
    return AppJvm.jdks();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("jdks")
  void historyHoldsEveryCall_andTheBaselineSurvivesARestart(String jdk) throws Exception {
    String args =
        "otel.metrics.exporter=none,perf.analysis.interval=1s,perf.level.min-calls=1,"
            + "perf.state.dir="
            + state;
    AppJvm.Result first =
        new AppJvm(jdk)
            .withAgent(args)
            .env("OTEL_SERVICE_NAME", "history-it")
            .main("shop.HistoryApp", "3500")
            .run(Duration.ofSeconds(60));
    assertThat(first.exitCode).as(first.toString()).isZero();

    Map<String, Long> made = callsPrinted(first.stdout);
    Map<String, Long> recorded = callsInHistory(state.resolve("perfwatch.jsonl"));
    assertThat(made)
        .containsOnlyKeys("shop.HistoryApp.quick", "shop.HistoryApp.slow", "shop.HistoryApp.tick");
    assertThat(recorded).isEqualTo(made);
    assertThat(Files.readAllLines(state.resolve("perfwatch.jsonl")).size())
        .as("about one line per second, plus the last partial cycle")
        .isBetween(3, 8);

    Path baseline = state.resolve("perfbaseline.json");
    assertThat(baseline).exists();
    assertThat(Files.getPosixFilePermissions(baseline))
        .containsExactlyInAnyOrder(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
    JsonNode before = JSON.readTree(baseline.toFile());
    assertThat(before.get("service").asText()).isEqualTo("history-it");
    JsonNode quickBefore = before.get("series").get("method:shop.HistoryApp.quick");
    assertThat(quickBefore.get("recent").size()).isGreaterThanOrEqualTo(3);

    AppJvm.Result second =
        new AppJvm(jdk)
            .withAgent(args)
            .env("OTEL_SERVICE_NAME", "history-it")
            .main("shop.HistoryApp", "1500")
            .run(Duration.ofSeconds(60));
    assertThat(second.exitCode).as(second.toString()).isZero();
    assertThat(second.stderr)
        .containsPattern(
            "baseline restored: \\d+ series from " + Pattern.quote(baseline.toString()));

    JsonNode after = JSON.readTree(baseline.toFile());
    JsonNode quickAfter = after.get("series").get("method:shop.HistoryApp.quick");
    assertThat(quickAfter.get("first_learned").asLong())
        .as("what the first run learned is still there")
        .isEqualTo(quickBefore.get("first_learned").asLong());
    assertThat(quickAfter.get("recent").size()).isGreaterThan(quickBefore.get("recent").size());
    Map<String, Long> both = callsInHistory(state.resolve("perfwatch.jsonl"));
    Map<String, Long> madeBoth = callsPrinted(first.stdout);
    callsPrinted(second.stdout).forEach((k, v) -> madeBoth.merge(k, v, Long::sum));
    assertThat(both).isEqualTo(madeBoth);
    JsonNode last = lastLine(state.resolve("perfwatch.jsonl"));
    assertThat(last.get("methods").get("shop.HistoryApp.quick").get("level").asText())
        .as("judged against the restored baseline from the second run's first cycles")
        .isIn("Normal", "Minor", "Moderate", "Critical");
  }

  private static Map<String, Long> callsPrinted(String stdout) {
    Map<String, Long> out = new HashMap<>();
    Matcher m = CALLS.matcher(stdout);
    while (m.find()) {
      out.put(m.group(1), Long.parseLong(m.group(2)));
    }
    return out;
  }

  private static Map<String, Long> callsInHistory(Path file) throws Exception {
    Map<String, Long> out = new HashMap<>();
    for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
      JsonNode methods = JSON.readTree(line).get("methods");
      for (Iterator<Map.Entry<String, JsonNode>> it = methods.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        out.merge(e.getKey(), e.getValue().get("calls").asLong(), Long::sum);
      }
    }
    return out;
  }

  private static JsonNode lastLine(Path file) throws Exception {
    List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    return JSON.readTree(lines.get(lines.size() - 1));
  }
}
