package io.perfagent.agent.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class ConfigKeysTest {

  /** A row of the README's configuration table: key, environment variable, default, meaning. */
  private static final Pattern ROW =
      Pattern.compile("^\\| `(perf\\.[^`]+)` \\| `(PERF_[A-Z0-9_*]+)` \\| ([^|]*) \\|");

  @Test
  void readmeConfigurationTable_listsEveryKeyInOrder_withItsEnvironmentVariableAndDefault()
      throws IOException {
    Path readme = Paths.get("..", "README.md");
    List<String> rows = new ArrayList<>();
    for (String line : Files.readAllLines(readme, StandardCharsets.UTF_8)) {
      Matcher m = ROW.matcher(line);
      if (m.find() && !m.group(1).equals(ConfigLoader.PERF_OTEL + "*")) {
        rows.add(m.group(1) + " | " + m.group(2) + " | " + documentedDefault(m.group(3).trim()));
      }
    }
    List<String> keys = new ArrayList<>();
    for (ConfigKey<?> key : ConfigKeys.ALL) {
      keys.add(
          key.name()
              + " | "
              + key.envName()
              + " | "
              + (key.defaultText().isEmpty() ? "(none)" : key.defaultText()));
    }
    assertThat(rows)
        .as(
            "README.md's configuration table (key | env | default) against ConfigKeys.ALL;"
                + " a key without a default shows prose such as — instead of a `value`")
        .containsExactlyElementsOf(keys);
  }

  @Test
  void readmeLiveColumn_saysYesExactlyForTheKeysAReloadApplies() throws IOException {
    Pattern row = Pattern.compile("^\\| `(perf\\.[^`]+)` \\|.*\\| (yes|no) \\|$");
    List<String> documented = new ArrayList<>();
    int rows = 0;
    for (String line : Files.readAllLines(Paths.get("..", "README.md"), StandardCharsets.UTF_8)) {
      Matcher m = row.matcher(line);
      if (m.find() && ConfigKeys.byName(m.group(1)) != null) {
        rows++;
        if (m.group(2).equals("yes")) {
          documented.add(m.group(1));
        }
      }
    }
    List<String> live = new ArrayList<>();
    for (ConfigKey<?> key : ConfigKeys.ALL) {
      if (ConfigKeys.LIVE.contains(key)) {
        live.add(key.name());
      }
    }
    assertThat(rows).as("rows with a live column").isEqualTo(ConfigKeys.ALL.size());
    assertThat(documented).as("README keys marked live").containsExactlyElementsOf(live);
  }

  /** {@code `10s`} is the default 10s; anything not in backticks (—, see above) means none. */
  private static String documentedDefault(String cell) {
    return cell.startsWith("`") && cell.endsWith("`")
        ? cell.substring(1, cell.length() - 1)
        : "(none)";
  }

  @Test
  void everyKeysDefault_parses() {
    for (ConfigKey<?> key : ConfigKeys.ALL) {
      assertThat(key.defaultValue()).as(key.name()).isNotNull();
    }
  }

  @Test
  void durationNanos_readsEveryUnit() {
    assertThat(ConfigKeys.durationNanos("7ns")).isEqualTo(7);
    assertThat(ConfigKeys.durationNanos("250us")).isEqualTo(250_000);
    assertThat(ConfigKeys.durationNanos("250µs")).isEqualTo(250_000);
    assertThat(ConfigKeys.durationNanos("500")).isEqualTo(500_000_000);
    assertThat(ConfigKeys.durationNanos(" 10 S ")).isEqualTo(10_000_000_000L);
    assertThat(ConfigKeys.durationNanos("1m")).isEqualTo(60_000_000_000L);
    assertThat(ConfigKeys.durationNanos("2h")).isEqualTo(7_200_000_000_000L);
    assertThat(ConfigKeys.durationNanos("7d")).isEqualTo(604_800_000_000_000L);
  }

  @Test
  void durationNanos_refusesWhatALongCannotHold_insteadOfWrappingAround() {
    assertThatThrownBy(() -> ConfigKeys.durationNanos("999999999d"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("expected a duration such as 500ms, 10s, 1m or 7d");
  }

  @Test
  void otelDurations_areReadByTheSameParser_lessTheSpellingsTheSdkRefuses() {
    Map<String, String> none = Map.of();
    for (String ok : new String[] {"500", "500ms", "10s", "1m", "1h", "1d", "250us", "5000000ns"}) {
      OtelKeys.validate("otel.metric.export.interval", ok, none);
    }
    for (String bad : new String[] {"0", "0s", "250µs", "10 sec", "-5s", "", "999999999d"}) {
      assertThatThrownBy(() -> OtelKeys.validate("otel.exporter.otlp.timeout", bad, none))
          .as(bad)
          .hasMessage(
              "expected a positive duration in milliseconds, or with a unit: 500ms, 10s, 1m");
    }
  }

  @Test
  void lookUps_findKeysByNameAndByEnvironmentVariable() {
    assertThat(ConfigKeys.byName("perf.sample.interval")).isSameAs(ConfigKeys.SAMPLE_INTERVAL);
    assertThat(ConfigKeys.byEnvName("PERF_SAMPLE_INTERVAL")).isSameAs(ConfigKeys.SAMPLE_INTERVAL);
    assertThat(ConfigKeys.byName("perf.nope")).isNull();
    assertThat(ConfigKeys.byEnvName("PERF_NOPE")).isNull();
    assertThat(ConfigKeys.names()).startsWith("perf.enabled, perf.config.file, ");
    assertThat(ConfigKeys.envNames()).startsWith("PERF_ENABLED, PERF_CONFIG_FILE, ");
  }
}
