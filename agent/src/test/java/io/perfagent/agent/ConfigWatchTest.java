package io.perfagent.agent;

import static org.assertj.core.api.Assertions.assertThat;

import io.perfagent.agent.config.AgentConfig;
import io.perfagent.agent.config.ConfigLoader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The watch over an injected clock: polls are called by the test, not by a scheduler. */
class ConfigWatchTest {

  @TempDir Path dir;

  private long now = 1_000_000;
  private final List<String> triggers = new ArrayList<>();

  private AgentConfig config;

  private ConfigWatch watch(String args) {
    config = ConfigLoader.load(args, Map.of(), Map.of()).config();
    return new ConfigWatch(
        new ConfigWatch.Reloadable() {
          @Override
          public void reload(String trigger) {
            triggers.add(trigger);
          }

          @Override
          public AgentConfig current() {
            return config;
          }
        },
        () -> now);
  }

  private static void touch(Path file, String text, long mtimeMillis) throws IOException {
    Files.write(file, text.getBytes(StandardCharsets.UTF_8));
    Files.setLastModifiedTime(file, FileTime.fromMillis(mtimeMillis));
  }

  @Test
  void aChangedRulesFile_reloads_atMostOncePerFiveSeconds() throws IOException {
    Path config = dir.resolve("perf.properties");
    Path rules = dir.resolve("rules.txt");
    touch(config, "perf.log.level=info\n", 1_000);
    touch(rules, "threshold process.cpu.utilization warning=80%\n", 1_000);
    ConfigWatch w = watch("perf.config.file=" + config + ",perf.rules.file=" + rules);

    now += 1_000;
    w.poll();
    assertThat(triggers).as("nothing changed").isEmpty();

    touch(rules, "threshold process.cpu.utilization warning=70%\n", 2_000);
    w.poll();
    assertThat(triggers).as("within 5 s of the start: not yet").isEmpty();
    now += 5_000;
    w.poll();
    assertThat(triggers).containsExactly(rules + " changed");

    touch(config, "perf.log.level=warn\n", 3_000);
    now += 1_000;
    w.poll();
    assertThat(triggers).as("5 s since the last reload have not passed").hasSize(1);
    now += 4_000;
    w.poll();
    assertThat(triggers).containsExactly(rules + " changed", config + " changed");
    now += 10_000;
    w.poll();
    assertThat(triggers).as("seen once, reloaded once").hasSize(2);
  }

  @Test
  void aRulesFileNamedByAReloadElsewhere_isWatchedFromThen() throws IOException {
    Path config = dir.resolve("perf.properties");
    Path rules = dir.resolve("rules.txt");
    touch(config, "perf.log.level=info\n", 1_000);
    touch(rules, "threshold process.cpu.utilization warning=80%\n", 1_000);
    ConfigWatch w = watch("perf.config.file=" + config);
    now += 10_000;
    w.poll();

    // The CLI's reload put perf.rules.file in force: the next poll starts watching it.
    this.config =
        ConfigLoader.load(
                "perf.config.file=" + config + ",perf.rules.file=" + rules, Map.of(), Map.of())
            .config();
    w.poll();
    assertThat(triggers).as("named, not changed").isEmpty();
    touch(rules, "threshold process.cpu.utilization warning=70%\n", 2_000);
    w.poll();
    assertThat(triggers).containsExactly(rules + " changed");
  }

  @Test
  void withNoFile_thereIsNothingToWatch() {
    assertThat(ConfigWatch.anyToWatch(AgentConfig.defaults())).isFalse();
    assertThat(
            ConfigWatch.anyToWatch(
                ConfigLoader.load("perf.rules.file=/x/rules.txt", Map.of(), Map.of()).config()))
        .isTrue();
  }
}
