package io.perfagent.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.perfagent.it.collector.CollectorExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * What OTLP export costs in threads and loaded code: with the default protocol (http/protobuf) the
 * agent runs two threads — its scheduler, which also exports, and the JDK HTTP client's selector —
 * and never loads the gRPC sender (OkHttp); gRPC loads it when chosen. (The local endpoint, on by
 * default, adds its HTTP server's dispatcher thread; it is off here.)
 */
class AgentThreadsTest {

  private static final String OKHTTP = "io.perfagent.shaded.okhttp3.";

  @RegisterExtension static final CollectorExtension collector = CollectorExtension.process();

  @Test
  void defaultProtocol_twoAgentThreads_andNoOkHttpLoaded(@TempDir Path dir) throws Exception {
    String jdk = AppJvm.jdks().get(0);
    Path classes = dir.resolve("classes.log");
    AppJvm.Result without =
        new AppJvm(jdk).main("exportfaults.Threads", "2500").run(Duration.ofSeconds(120));
    AppJvm.Result with =
        new AppJvm(jdk)
            .withAgent(null)
            .jvmArg("-Xlog:class+load=info:file=" + classes)
            .env("OTEL_SERVICE_NAME", "threads-http")
            // The local endpoint's HTTP server has a dispatcher thread of its own: not export's.
            .env("PERF_ENDPOINT_PORT", "off")
            .env("OTEL_EXPORTER_OTLP_ENDPOINT", collector.httpEndpoint())
            .env("OTEL_METRIC_EXPORT_INTERVAL", "500")
            .main("exportfaults.Threads", "2500")
            .run(Duration.ofSeconds(120));

    assertThat(with.exitCode).as(with.toString()).isZero();
    assertThat(with.stderr)
        .as(with.toString())
        .contains("(http/protobuf)")
        .doesNotContain("export to");
    Set<String> added = threads(with);
    added.removeAll(threads(without));
    assertThat(added)
        .as("threads the agent added: " + added)
        .hasSizeLessThanOrEqualTo(2)
        .allMatch(n -> n.equals("perf-agent") || n.matches("HttpClient-\\d+-SelectorManager"));
    assertThat(Files.readString(classes))
        .as("the gRPC sender stays unloaded")
        .doesNotContain(OKHTTP);
  }

  @Test
  void grpc_loadsItsOwnSender_onlyWhenChosen(@TempDir Path dir) throws Exception {
    String jdk = AppJvm.jdks().get(0);
    Path classes = dir.resolve("classes.log");
    AppJvm.Result r =
        new AppJvm(jdk)
            .withAgent(null)
            .jvmArg("-Xlog:class+load=info:file=" + classes)
            .env("OTEL_SERVICE_NAME", "threads-grpc")
            .env("OTEL_EXPORTER_OTLP_ENDPOINT", collector.grpcEndpoint())
            .env("OTEL_EXPORTER_OTLP_PROTOCOL", "grpc")
            .main("exportfaults.Threads", "1500") // the export at start-up loads the sender
            .run(Duration.ofSeconds(120));

    assertThat(r.exitCode).as(r.toString()).isZero();
    assertThat(r.stderr)
        .as(r.toString())
        .contains("metrics exporter: otlp to " + collector.grpcEndpoint() + " (grpc)");
    assertThat(Files.readString(classes)).contains(OKHTTP);
  }

  private static Set<String> threads(AppJvm.Result r) {
    for (String line : r.stdout.split("\n")) {
      if (line.startsWith("THREADS ")) {
        return new TreeSet<>(
            Arrays.asList(line.substring("THREADS ".length()).trim().split("\\|")));
      }
    }
    throw new AssertionError("no THREADS line: " + r);
  }
}
