package io.perfagent.agent.endpoint;

import static org.assertj.core.api.Assertions.assertThat;

import io.perfagent.agent.config.AgentConfig;
import io.perfagent.agent.config.ConfigLoader;
import io.perfagent.agent.lifecycle.AgentScheduler;
import io.perfagent.agent.store.StateDir;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.HttpURLConnection;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EndpointComponentTest {

  @TempDir Path dir;

  private static AgentConfig config(Map<String, String> properties) {
    return ConfigLoader.load("", properties, Map.of()).config();
  }

  private static java.util.List<String> problems(Map<String, String> properties) {
    return ConfigLoader.load("", properties, Map.of()).problems();
  }

  private static String stderrOf(Runnable action) {
    PrintStream original = System.err;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
    try {
      action.run();
    } finally {
      System.setErr(original);
    }
    return new String(captured.toByteArray(), StandardCharsets.UTF_8);
  }

  @Test
  void servesOverRealHttp_registersItself_andRemovesTheRegistrationAtClose() throws Exception {
    AgentConfig config = config(Map.of("perf.endpoint.port", "0"));
    try (StateDir stateDir = StateDir.open(dir.toString(), "shop");
        AgentScheduler scheduler = new AgentScheduler()) {
      EndpointComponent endpoint = new EndpointComponent(config, new FakeState(), stateDir);
      endpoint.start(scheduler);
      int port = endpoint.port();
      assertThat(port).isPositive();
      Path registration = dir.resolve(Registration.fileName(ProcessHandle.current().pid()));
      assertThat(Registration.read(registration).port).isEqualTo(port);

      HttpURLConnection c =
          (HttpURLConnection) new URL("http://127.0.0.1:" + port + "/health").openConnection();
      assertThat(c.getResponseCode()).isEqualTo(200);
      assertThat(c.getHeaderField("Content-Type")).startsWith("application/json");
      assertThat(c.getHeaderField("Access-Control-Allow-Origin")).as("no CORS").isNull();
      String body = new String(c.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertThat(body).contains("\"status\":\"Insufficient data\"");
      HttpURLConnection missing =
          (HttpURLConnection) new URL("http://127.0.0.1:" + port + "/x").openConnection();
      assertThat(missing.getResponseCode()).isEqualTo(404);

      endpoint.close();
      assertThat(registration).doesNotExist();
      assertThat(endpoint.port()).isEqualTo(-1);
    }
  }

  @Test
  void aTakenPort_costsOneLine_andLeavesTheEndpointOff() throws Exception {
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        AgentScheduler scheduler = new AgentScheduler()) {
      AgentConfig config =
          config(Map.of("perf.endpoint.port", String.valueOf(taken.getLocalPort())));
      EndpointComponent endpoint = new EndpointComponent(config, new FakeState(), null);
      String err = stderrOf(() -> endpoint.start(scheduler));
      assertThat(err.trim().split("\n")).hasSize(1);
      assertThat(err)
          .contains("perf.endpoint.port=" + taken.getLocalPort())
          .contains("is taken")
          .contains("the endpoint is off");
      assertThat(endpoint.port()).isEqualTo(-1);
      endpoint.close();
    }
  }

  @Test
  void aNonLoopbackBindWithoutAToken_isRefusedWithOneLine() throws Exception {
    AgentConfig config = config(Map.of("perf.endpoint.port", "0", "perf.endpoint.host", "0.0.0.0"));
    try (AgentScheduler scheduler = new AgentScheduler()) {
      EndpointComponent endpoint = new EndpointComponent(config, new FakeState(), null);
      String err = stderrOf(() -> endpoint.start(scheduler));
      assertThat(err.trim().split("\n")).hasSize(1);
      assertThat(err)
          .contains("perf.endpoint.host=0.0.0.0 is not loopback")
          .contains("perf.endpoint.token is not set");
      assertThat(endpoint.port()).isEqualTo(-1);
    }
  }

  @Test
  void aNonLoopbackBindWithAToken_servesOnlyWithTheBearer_andTheTokenIsNeverLogged()
      throws Exception {
    AgentConfig config =
        config(
            Map.of(
                "perf.endpoint.port",
                "0",
                "perf.endpoint.host",
                "0.0.0.0",
                "perf.endpoint.token",
                "tok-123"));
    try (AgentScheduler scheduler = new AgentScheduler()) {
      EndpointComponent endpoint = new EndpointComponent(config, new FakeState(), null);
      String err = stderrOf(() -> endpoint.start(scheduler));
      assertThat(err).doesNotContain("tok-123");
      int port = endpoint.port();
      HttpURLConnection anonymous =
          (HttpURLConnection) new URL("http://127.0.0.1:" + port + "/health").openConnection();
      assertThat(anonymous.getResponseCode()).isEqualTo(401);
      HttpURLConnection bearer =
          (HttpURLConnection) new URL("http://127.0.0.1:" + port + "/health").openConnection();
      bearer.setRequestProperty("Authorization", "Bearer tok-123");
      assertThat(bearer.getResponseCode()).isEqualTo(200);
      assertThat(new String(bearer.getInputStream().readAllBytes(), StandardCharsets.UTF_8))
          .doesNotContain("tok-123");
      endpoint.close();
    }
  }

  @Test
  void portOff_disablesTheEndpoint_andBadPortsAreRejectedByTheConfig() {
    assertThat(EndpointComponent.enabled(config(Map.of("perf.endpoint.port", "off")))).isFalse();
    assertThat(EndpointComponent.enabled(config(Map.of()))).isTrue();
    assertThat(config(Map.of()).endpointPort()).isEqualTo(9001);
    assertThat(problems(Map.of("perf.endpoint.port", "70000")))
        .anySatisfy(
            p ->
                assertThat(p)
                    .contains("perf.endpoint.port")
                    .contains("1 to 65535, 0 for any free port, or off"));
  }
}
