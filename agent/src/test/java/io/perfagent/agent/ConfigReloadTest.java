package io.perfagent.agent;

import static org.assertj.core.api.Assertions.assertThat;

import io.perfagent.agent.alert.AlertComponent;
import io.perfagent.agent.config.AgentConfig;
import io.perfagent.agent.config.ConfigKeys;
import io.perfagent.agent.config.ConfigLoader;
import io.perfagent.agent.log.AgentLog;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a reload hands to each running part, and what it refuses, over fake parts. */
class ConfigReloadTest {

  @TempDir Path dir;

  @AfterEach
  void restoreLogLevel() {
    AgentLog.setLevel(AgentLog.Level.INFO);
  }

  /** Records what the reload asked of each part. */
  static final class Recorder implements ConfigReload.Targets {
    final List<String> calls = new ArrayList<>();
    @Nullable AgentConfig last;
    AlertComponent.@Nullable RuleSet rules;

    @Override
    public int selection(AgentConfig next) {
      calls.add("selection " + next.methods().size());
      return 3;
    }

    @Override
    public void selectionApplied() {
      calls.add("selection applied");
    }

    @Override
    public void endpoint(AgentConfig next) {
      calls.add("endpoint " + next.endpointPort());
    }

    @Override
    public void sampling(AgentConfig next) {
      calls.add("sampling " + next.sampleIntervalMillis());
    }

    @Override
    public void analysis(AgentConfig next) {
      calls.add(
          "analysis "
              + next.analysisIntervalMillis()
              + " "
              + next.levelThresholds()[0]
              + " "
              + next.baselinePinned());
    }

    @Override
    public AlertComponent.RuleSet alertRules(AgentConfig next) {
      return AlertComponent.rules(next);
    }

    @Override
    public void alerts(AlertComponent.RuleSet rules) {
      calls.add("alerts " + rules.definitions());
      this.rules = rules;
    }
  }

  private final Recorder parts = new Recorder();

  private Path write(String name, String text) throws IOException {
    Path p = dir.resolve(name);
    Files.write(p, text.getBytes(StandardCharsets.UTF_8));
    return p;
  }

  private ConfigReload reload(String args) {
    AgentConfig start = ConfigLoader.load(args, java.util.Map.of(), java.util.Map.of()).config();
    return new ConfigReload(args, start, parts);
  }

  private List<String> reply(ConfigReload r, boolean expectOk) throws IOException {
    Path replyFile = dir.resolve("reply-" + System.nanoTime());
    assertThat(r.reload("test", Reply.to(replyFile.toString()))).isEqualTo(expectOk);
    return Files.readAllLines(replyFile, StandardCharsets.UTF_8);
  }

  @Test
  void intervalsThresholdsAndPin_reachSamplingAndAnalysis_withoutTouchingTheSelection()
      throws IOException {
    Path config = write("perf.properties", "perf.alert.defaults=false\n");
    ConfigReload r = reload("perf.config.file=" + config);
    write(
        "perf.properties",
        "perf.alert.defaults=false\nperf.sample.interval=2s\nperf.analysis.interval=5s\n"
            + "perf.level.thresholds=20,40,60\nperf.baseline.pin=true\nperf.log.level=warn\n");

    List<String> lines = reply(r, true);

    assertThat(parts.calls).containsExactly("sampling 2000", "analysis 5000 0.2 true");
    assertThat(r.current().logLevel()).isEqualTo(AgentLog.Level.WARN);
    assertThat(lines)
        .anySatisfy(
            l ->
                assertThat(l)
                    .startsWith("reloaded " + config + " (test) in ")
                    .contains(
                        "perf.log.level",
                        "perf.sample.interval",
                        "perf.analysis.interval",
                        "perf.level.thresholds",
                        "perf.baseline.pin"))
        .noneSatisfy(l -> assertThat(l).contains("not live"));
    assertThat(r.current().sampleIntervalMillis()).isEqualTo(2000);
  }

  @Test
  void keysThatCannotChangeLive_areNamedTogetherInOneLine_andTheLiveOnesStillApply()
      throws IOException {
    Path config = write("perf.properties", "perf.alert.defaults=false\n");
    ConfigReload r = reload("perf.config.file=" + config);
    write(
        "perf.properties",
        "perf.alert.defaults=false\nperf.history.files=9\nperf.instrument.max-methods=77\n"
            + "perf.sample.interval=3s\n");

    List<String> lines = reply(r, true);

    assertThat(lines)
        .filteredOn(l -> l.contains("not live"))
        .singleElement()
        .isEqualTo(
            "WARN changed but not live, in effect from the next start:"
                + " perf.instrument.max-methods, perf.history.files");
    assertThat(parts.calls).containsExactly("sampling 3000");
  }

  @Test
  void aChangedSelectionAndEndpoint_goToTheirParts() throws IOException {
    Path config = write("perf.properties", "perf.alert.defaults=false\n");
    ConfigReload r = reload("perf.config.file=" + config);
    write(
        "perf.properties",
        "perf.alert.defaults=false\nperf.instrument.methods=a.B#c\nperf.endpoint.port=off\n");

    List<String> lines = reply(r, true);

    assertThat(parts.calls)
        .containsExactly("selection 1", "endpoint " + ConfigKeys.PORT_OFF, "selection applied");
    assertThat(lines).anySatisfy(l -> assertThat(l).endsWith("; 3 classes retransformed"));
  }

  @Test
  void aChangedRulesFile_replacesTheRules_andABadOneKeepsThemWithOneLinePerProblem()
      throws IOException {
    Path rules = write("rules.txt", "threshold process.cpu.utilization warning=80% for=2m\n");
    ConfigReload r = reload("perf.alert.defaults=false,perf.rules.file=" + rules);
    write(
        "rules.txt",
        "threshold process.cpu.utilization warning=70% for=2m\n"
            + "budget shop.Orders#place p95<200ms\n");

    List<String> good = reply(r, true);

    assertThat(parts.calls).singleElement().asString().startsWith("alerts [threshold");
    assertThat(parts.rules).isNotNull();
    assertThat(parts.rules.size()).isEqualTo(2);
    assertThat(good)
        .anySatisfy(
            l ->
                assertThat(l)
                    .startsWith("reloaded " + rules)
                    .contains("changed alert rules", "2 alert rules in force"));

    parts.calls.clear();
    write("rules.txt", "threshold process.cpu.utilization warning=lots\nnonsense here\n");
    List<String> bad = reply(r, false);

    assertThat(parts.calls).as("nothing applied").isEmpty();
    assertThat(bad.stream().filter(l -> l.contains("refused")))
        .hasSize(2)
        .allSatisfy(
            l -> assertThat(l).contains("reload of " + rules, "the configuration in force stays"));
  }

  @Test
  void aBrokenPropertiesFile_changesNothing() throws IOException {
    Path config = write("perf.properties", "perf.alert.defaults=false\n");
    ConfigReload r = reload("perf.config.file=" + config);
    write("perf.properties", "perf.alert.defaults=false\nperf.sample.interval=fast\n");

    List<String> lines = reply(r, false);

    assertThat(parts.calls).isEmpty();
    assertThat(lines)
        .singleElement()
        .asString()
        .contains("refused", "perf.sample.interval", "'fast'");
    assertThat(r.current().sampleIntervalMillis()).isEqualTo(10_000);
  }

  @Test
  void withNeitherFile_thereIsNothingToReload() throws IOException {
    ConfigReload r = reload("");
    assertThat(reply(r, false))
        .singleElement()
        .asString()
        .contains("neither perf.config.file nor perf.rules.file is set");
  }
}
