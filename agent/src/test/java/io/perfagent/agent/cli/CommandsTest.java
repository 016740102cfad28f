package io.perfagent.agent.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.perfagent.core.analyze.BaselineView;
import io.perfagent.core.analyze.CycleReport;
import io.perfagent.core.analyze.Indicator;
import io.perfagent.core.analyze.IndicatorResult;
import io.perfagent.core.analyze.Level;
import io.perfagent.core.analyze.MethodCycle;
import io.perfagent.core.analyze.MethodResult;
import io.perfagent.core.history.HistoryCodec;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The commands over a state directory written by hand (no agent running). */
class CommandsTest {

  private static final long T0 = 1_790_000_000_000L;

  @TempDir Path dir;

  private String out;
  private String err;

  private int run(String... args) {
    ByteArrayOutputStream o = new ByteArrayOutputStream();
    ByteArrayOutputStream e = new ByteArrayOutputStream();
    int code =
        Commands.run(
            args,
            new ByteArrayInputStream(new byte[0]),
            new PrintStream(o, true, StandardCharsets.UTF_8),
            new PrintStream(e, true, StandardCharsets.UTF_8));
    out = new String(o.toByteArray(), StandardCharsets.UTF_8);
    err = new String(e.toByteArray(), StandardCharsets.UTF_8);
    return code;
  }

  private static CycleReport cycle(long at, double placeP95, Level level) {
    MethodResult place =
        MethodResult.of(
            MethodCycle.of(
                "shop.Orders.place",
                true,
                1200,
                12,
                60,
                0.080,
                0.001,
                0.5,
                0.02,
                0.070,
                0.120,
                placeP95,
                0.300),
            BaselineView.recorded(0.100, 12),
            placeP95 / 0.100 - 1,
            level);
    IndicatorResult rss =
        IndicatorResult.of(
            Indicator.RSS,
            600.0 * (1 << 20),
            BaselineView.recorded(300.0 * (1 << 20), 12),
            1.0,
            Level.CRITICAL);
    return CycleReport.of(
        at,
        60,
        List.of(place),
        List.of(rss),
        Level.CRITICAL,
        List.of("process.memory.usage 600 MB vs 300 MB baseline (+100 %, Critical)"));
  }

  private void writeHistory(int cycles) throws IOException {
    List<String> lines = new ArrayList<>();
    for (int i = 0; i < cycles; i++) {
      lines.add(
          HistoryCodec.line(
              cycle(
                  T0 + i * 60_000L,
                  i == cycles - 1 ? 0.140 : 0.100,
                  i == cycles - 1 ? Level.MODERATE : Level.NORMAL),
              "shop",
              "pid-1"));
    }
    Files.write(dir.resolve("perfwatch.jsonl"), lines, StandardCharsets.UTF_8);
  }

  @Test
  void status_withNoAgentRunning_readsTheLastCycleFromTheHistory() throws Exception {
    writeHistory(3);
    assertThat(run("status", "--state-dir", dir.toString())).isZero();
    assertThat(out)
        .contains("perf-agent status · shop")
        .contains("not running · history in " + dir)
        .contains("Overall: Critical")
        .contains("Top degraded methods:")
        .containsPattern("shop\\.Orders\\.place +p95 140 ms +vs 100 ms +\\+40\\.0 % +Moderate")
        .containsPattern("process\\.memory\\.usage +600 MB +300 MB +\\+100 % +Critical")
        .contains("Baseline: 12 samples");
  }

  @Test
  void summaryAndAlerts_readTheSameCycle() throws Exception {
    writeHistory(2);
    assertThat(run("summary", "--state-dir", dir.toString())).isZero();
    assertThat(out)
        .containsPattern(
            "shop\\.Orders\\.place +1200 +12 +70\\.0 ms +140 ms +300 ms +100 ms +\\+40\\.0 % +Moderate");
    assertThat(run("alerts", "--state-dir", dir.toString())).isZero();
    assertThat(out.split("\n")[0])
        .startsWith("CRITICAL Critical")
        .contains("process.memory.usage 600 MB");
    assertThat(out.split("\n")[1])
        .startsWith("WARNING  Moderate")
        .contains("shop.Orders.place p95 140 ms");
    assertThat(run("alerts", "--state-dir", dir.toString(), "--json")).isZero();
    assertThat(out).startsWith("[{\"metric\":\"process.memory.usage\"");
  }

  @Test
  void alerts_withNoAgentRunning_readTheLatestStateOfEachAlertFromAlertsJsonl() throws Exception {
    writeHistory(1);
    String firing =
        "{\"event\":\"firing\",\"service\":\"shop\",\"instance\":\"pid-1\",\"alert\":"
            + "{\"id\":\"a:x:1\",\"rule\":\"a\",\"state\":\"firing\",\"severity\":\"CRITICAL\","
            + "\"since\":"
            + T0
            + ",\"evidence\":\"x p99 2.00 s\"}}";
    String other = firing.replace("a:x:1", "b:y:2").replace("\"rule\":\"a\"", "\"rule\":\"b\"");
    String resolved =
        other
            .replace(
                "\"state\":\"firing\"", "\"state\":\"resolved\",\"resolved_at\":" + (T0 + 120_000))
            .replace("\"event\":\"firing\"", "\"event\":\"resolved\"");
    Files.write(
        dir.resolve("alerts.jsonl"),
        List.of(firing, other, "{\"cut sho", resolved),
        StandardCharsets.UTF_8);
    assertThat(run("alerts", "--state-dir", dir.toString())).isZero();
    String[] lines = out.split("\n");
    assertThat(lines).hasSize(6);
    assertThat(lines[0]).startsWith("FIRING   CRITICAL a · since ");
    assertThat(lines[1].trim()).isEqualTo("x p99 2.00 s");
    assertThat(lines[2].trim()).isEqualTo("id a:x:1");
    assertThat(lines[3]).startsWith("RESOLVED CRITICAL b · resolved ").endsWith(" after 2 min");
    assertThat(run("alerts", "--state-dir", dir.toString(), "--json")).isZero();
    assertThat(out).startsWith("[{\"id\":\"a:x:1\",").contains("\"resolved_at\":" + (T0 + 120_000));
  }

  @Test
  void noAgentAndNoHistory_saysWhereItLooked_andExits1() {
    assertThat(run("status", "--state-dir", dir.toString())).isEqualTo(1);
    assertThat(err)
        .contains("no running perf-agent")
        .contains("looked in [" + dir + "]")
        .contains("-javaagent:perf-agent.jar");
  }

  @Test
  void unknownOptionsAndBadValues_printUsageOnStderr_andExit2() {
    assertThat(run("summary", "--verbose")).isEqualTo(2);
    assertThat(err)
        .contains("unknown option '--verbose' for summary")
        .contains("Commands (java -jar");
    assertThat(out).isEmpty();
    assertThat(run("status", "--pid", "abc")).isEqualTo(2);
    assertThat(err).contains("--pid must be a whole number");
    assertThat(run("status", "--pid")).isEqualTo(2);
    assertThat(err).contains("--pid needs a value");
    assertThat(run("export", "--since", "yesterday", "--state-dir", dir.toString())).isEqualTo(2);
    assertThat(err).contains("--since must be a duration ago");
  }

  @Test
  void export_since_keepsOnlyLaterCycles_inEveryFormat() throws Exception {
    writeHistory(5);
    String since = String.valueOf(T0 + 3 * 60_000L);
    assertThat(run("export", "--state-dir", dir.toString(), "--since", since)).isZero();
    assertThat(out.split("\n")).hasSize(2);
    assertThat(run("export", "--format", "csv", "--state-dir", dir.toString(), "--since", since))
        .isZero();
    assertThat(out.split("\n")).hasSize(1 + 2 * 2);
    assertThat(run("export", "--format", "prometheus", "--state-dir", dir.toString())).isZero();
    assertThat(out)
        .contains("# TYPE perf_degradation_level gauge")
        .contains(
            "perf_cycle_method_calls{service_name=\"shop\",code_function_name=\"shop.Orders.place\"} 1200 "
                + T0
                + "\n");
  }

  @Test
  void since_acceptsDurationsAgoIsoTimesAndEpochMillis() throws Exception {
    long now = 1_800_000_000_000L;
    assertThat(ExportCommand.since("2h", now)).isEqualTo(now - 7_200_000);
    assertThat(ExportCommand.since("90s", now)).isEqualTo(now - 90_000);
    assertThat(ExportCommand.since("7d", now)).isEqualTo(now - 7 * 86_400_000L);
    assertThat(ExportCommand.since("2026-11-25T10:00:00Z", now)).isEqualTo(1_795_600_800_000L);
    assertThat(ExportCommand.since("1790000000000", now)).isEqualTo(1_790_000_000_000L);
  }

  @Test
  void rebuild_showsTheChangesThenReplacesTheBaselineAtomically_andDryRunOnlyShows()
      throws Exception {
    writeHistory(6);
    Path baseline = dir.resolve("perfbaseline.json");
    assertThat(run("rebuild", "--state-dir", dir.toString(), "--dry-run")).isZero();
    assertThat(out)
        .contains("rebuilt from 6 cycles of service shop")
        .contains("method:shop.Orders.place: none → ")
        .contains("dry run");
    assertThat(baseline).doesNotExist();

    assertThat(run("rebuild", "--state-dir", dir.toString())).isZero();
    assertThat(out).contains("wrote " + baseline);
    assertThat(Files.readString(baseline))
        .contains("\"service\":\"shop\"")
        .contains("method:shop.Orders.place");
    assertThat(run("rebuild", "--state-dir", dir.toString(), "--dry-run")).isZero();
    assertThat(out).as("a second rebuild changes nothing").contains("no series changes");
  }

  @Test
  void doctor_checksEachItemWithAFix() throws Exception {
    Path clock = dir.resolve("clock");
    Files.writeString(clock, "hpet\n");
    assertThat(DoctorCommand.clock(clock).result).isEqualTo(DoctorCommand.Result.WARN);
    assertThat(DoctorCommand.clock(clock).fix).contains("tsc");
    Files.writeString(clock, "tsc\n");
    assertThat(DoctorCommand.clock(clock).result).isEqualTo(DoctorCommand.Result.PASS);
    assertThat(DoctorCommand.clock(dir.resolve("absent")).result)
        .isEqualTo(DoctorCommand.Result.WARN);

    assertThat(DoctorCommand.otlp(Map.of("OTEL_METRICS_EXPORTER", "none")).result)
        .isEqualTo(DoctorCommand.Result.PASS);
    int closed;
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      closed = s.getLocalPort();
    }
    DoctorCommand.Check refused =
        DoctorCommand.otlp(Map.of("OTEL_EXPORTER_OTLP_ENDPOINT", "http://127.0.0.1:" + closed));
    assertThat(refused.result).isEqualTo(DoctorCommand.Result.WARN);
    assertThat(refused.detail).contains("not reachable");

    // An HTTP/1.1 server where gRPC is configured: the classic 4317/4318 mix-up.
    try (ServerSocket http = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      Thread server =
          new Thread(
              () -> {
                try (Socket c = http.accept()) {
                  c.getInputStream().read(new byte[256]);
                  c.getOutputStream()
                      .write(
                          "HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\n\r\n"
                              .getBytes(StandardCharsets.US_ASCII));
                } catch (IOException ignored) {
                  // the test's assertions report the outcome
                }
              });
      server.start();
      DoctorCommand.Check mixup =
          DoctorCommand.otlp(
              Map.of(
                  "OTEL_EXPORTER_OTLP_ENDPOINT",
                  "http://127.0.0.1:" + http.getLocalPort(),
                  "OTEL_EXPORTER_OTLP_PROTOCOL",
                  "grpc"));
      server.join(5_000);
      assertThat(mixup.result).isEqualTo(DoctorCommand.Result.WARN);
      assertThat(mixup.detail).contains("answers HTTP/1.1, not gRPC");
      assertThat(mixup.fix).contains("http/protobuf");
    }

    Files.setPosixFilePermissions(
        dir, java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
    DoctorCommand.Check open = DoctorCommand.stateDir(dir);
    assertThat(open.result).isEqualTo(DoctorCommand.Result.WARN);
    assertThat(open.fix).isEqualTo("chmod 700 " + dir);
    Files.setPosixFilePermissions(
        dir, java.nio.file.attribute.PosixFilePermissions.fromString("rwx------"));
    assertThat(DoctorCommand.stateDir(dir).result).isEqualTo(DoctorCommand.Result.PASS);
    assertThat(DoctorCommand.stateDir(dir.resolve("missing")).result)
        .isEqualTo(DoctorCommand.Result.WARN);
  }

  @Test
  void doctor_exitCodeReflectsTheWorstCheck() {
    int code = run("doctor", "--state-dir", dir.resolve("missing").toString());
    assertThat(out).contains("WARN  state directory").contains("WARN  endpoint").contains("fix: ");
    assertThat(code).isEqualTo(out.contains("FAIL") ? 3 : 1);
  }

  @Test
  void commandNames_areAllDispatched() {
    assertThat(Commands.NAMES)
        .containsExactlyInAnyOrderElementsOf(
            Arrays.asList(
                "status", "summary", "alerts", "health", "list", "export", "doctor", "rebuild"));
    assertThat(Commands.handles("replay")).isFalse();
  }
}
