package io.perfagent.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * How long the JVM takes to exit after {@code main} ends when the Collector cannot take the last
 * export, and what the agent's last line says then. The application prints {@code END <millis>} as
 * its last act; the delay is from then until the process is gone.
 */
class ExportExitTest {

  private static final int CALLS = 20;

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"grpc", "http/protobuf"})
  void collectorRefusing_exitTakesUnderASecond_andTheLastLineSaysTheFinalExportFailed(
      String protocol) throws Exception {
    int closedPort;
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      closedPort = s.getLocalPort(); // free, and nobody listens once closed
    }
    AppJvm.Result r =
        quickApp()
            .env("OTEL_EXPORTER_OTLP_ENDPOINT", "http://127.0.0.1:" + closedPort)
            .env("OTEL_EXPORTER_OTLP_PROTOCOL", protocol)
            .run(Duration.ofSeconds(60));

    assertAppRanUnchanged(r);
    assertThat(exitDelayMillis(r)).as(r.toString()).isLessThan(1_000);
    assertThat(lastLine(r.stderr))
        .as(r.stderr)
        .contains("final export to http://127.0.0.1:" + closedPort, "failed", "not delivered");
    assertThat(r.stderr).doesNotContain("nothing is lost");
  }

  @ParameterizedTest(name = "perf.export.shutdown-timeout={0}")
  @ValueSource(strings = {"default", "1s"})
  void collectorNeverAnswering_exitIsBoundedByTheShutdownTimeout_andTheLastLineSaysSo(
      String timeout) throws Exception {
    try (BlackHole hole = new BlackHole()) {
      AppJvm app =
          quickApp(timeout.equals("default") ? null : "perf.export.shutdown-timeout=" + timeout)
              .env("OTEL_EXPORTER_OTLP_ENDPOINT", "http://127.0.0.1:" + hole.port())
              // A longer OTLP timeout must not lengthen the exit: the shutdown timeout bounds it.
              .env("OTEL_EXPORTER_OTLP_TIMEOUT", "30000");
      AppJvm.Result r = app.run(Duration.ofSeconds(90));

      long bound = timeout.equals("default") ? 5_000 : 1_000;
      assertAppRanUnchanged(r);
      assertThat(hole.connections()).as("the agent did reach the black hole").isPositive();
      assertThat(exitDelayMillis(r)).as(r.toString()).isLessThan(bound + 1_000);
      assertThat(lastLine(r.stderr))
          .as(r.stderr)
          .contains(
              "final export to http://127.0.0.1:" + hole.port(),
              " within " + bound + " ms (perf.export.shutdown-timeout)",
              "not delivered")
          // the export at start-up still waits for an answer, so the final one did not start
          .containsPattern("did not (start|finish) within");
      assertThat(r.stderr).doesNotContain("nothing is lost");
    }
  }

  private static AppJvm quickApp() {
    return quickApp(null);
  }

  private static AppJvm quickApp(String agentArgs) {
    // The app works 1.5 s once the agent has started, so the delay measured is the exit's own (an
    // exit waits for a start-up still in progress, whatever the Collector does).
    return new AppJvm(AppJvm.jdks().get(0))
        .withAgent(agentArgs)
        .main("exportfaults.QuickApp", Integer.toString(CALLS), "1500");
  }

  private static void assertAppRanUnchanged(AppJvm.Result r) {
    assertThat(r.exitCode).as(r.toString()).isZero();
    assertThat(r.stdout).as(r.toString()).startsWith("AGENT started\nRESULT sum=380\nEND ");
    assertThat(r.stderr).doesNotContain("Exception in thread").doesNotContain("\tat ");
  }

  private static long exitDelayMillis(AppJvm.Result r) {
    String end =
        Arrays.stream(r.stdout.split("\n"))
            .filter(l -> l.startsWith("END "))
            .findFirst()
            .orElseThrow();
    return r.exitedAtMillis - Long.parseLong(end.substring(4).trim());
  }

  private static String lastLine(String text) {
    String[] lines = text.strip().split("\n");
    return lines[lines.length - 1];
  }

  /** Accepts connections and never answers: a Collector behind a firewall that drops replies. */
  private static final class BlackHole implements AutoCloseable {
    private final ServerSocket server;
    private final List<Socket> accepted = new ArrayList<>();
    private final Thread acceptor;

    BlackHole() throws IOException {
      server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
      acceptor = new Thread(this::acceptForever, "black-hole");
      acceptor.setDaemon(true);
      acceptor.start();
    }

    int port() {
      return server.getLocalPort();
    }

    synchronized int connections() {
      return accepted.size();
    }

    private void acceptForever() {
      try {
        while (true) {
          Socket s = server.accept(); // kept open, never read from or written to
          synchronized (this) {
            accepted.add(s);
          }
        }
      } catch (IOException closed) {
        // closed by close()
      }
    }

    @Override
    public void close() throws IOException {
      server.close();
      synchronized (this) {
        for (Socket s : accepted) {
          s.close();
        }
      }
    }
  }
}
