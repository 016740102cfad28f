package io.perfagent.it.collector;

import io.perfagent.it.docker.Docker;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.testcontainers.containers.BindMode;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.images.builder.Transferable;

/**
 * The same Collector binary in a Docker container started through Testcontainers, from a local
 * image {@code FROM scratch}: OTLP in on the container's ports 4317/4318 mapped to loopback ports,
 * the file exporter out to a host directory bound into the container.
 */
public final class ContainerCollector implements Collector {

  private static final int GRPC = 4317;
  private static final int HTTP = 4318;

  private final GenericContainer<?> container;
  private final String image;
  private final Path output;

  private ContainerCollector(GenericContainer<?> container, String image, Path output) {
    this.container = container;
    this.image = image;
    this.output = output;
  }

  /**
   * Builds the image, starts the container and waits until the Collector says it is ready; skips
   * the calling test (one clear line) when no Docker engine answers.
   */
  public static ContainerCollector start() throws IOException, InterruptedException {
    Docker.assumeAvailable();
    String image = Docker.buildCollectorImage(CollectorBinary.find());
    Path dir = Files.createTempDirectory("otelcol-container");
    GenericContainer<?> container =
        new GenericContainer<>(image)
            .withCopyToContainer(
                Transferable.of(RealCollector.config("/out/metrics.jsonl", "0.0.0.0", GRPC, HTTP)),
                "/etc/otelcol/config.yaml")
            .withCommand("--config", "/etc/otelcol/config.yaml")
            .withFileSystemBind(dir.toString(), "/out", BindMode.READ_WRITE)
            .withExposedPorts(GRPC, HTTP)
            // A scratch image has no shell for Testcontainers' port check: wait for the Collector's
            // own word instead.
            .waitingFor(
                Wait.forLogMessage(".*Everything is ready.*", 1)
                    .withStartupTimeout(Duration.ofSeconds(60)));
    try {
      container.start();
    } catch (RuntimeException failed) {
      String logs = container.getContainerId() == null ? "" : container.getLogs();
      container.stop();
      Docker.removeImage(image);
      throw new IllegalStateException("the Collector container did not start:\n" + logs, failed);
    }
    return new ContainerCollector(container, image, dir.resolve("metrics.jsonl"));
  }

  @Override
  public String grpcEndpoint() {
    return "http://127.0.0.1:" + container.getMappedPort(GRPC);
  }

  @Override
  public String httpEndpoint() {
    return "http://127.0.0.1:" + container.getMappedPort(HTTP);
  }

  @Override
  public List<ExportedMetric> metrics() throws IOException {
    return OtlpJson.readFile(output);
  }

  @Override
  public String log() {
    return container.isCreated() ? container.getLogs() : "";
  }

  /** Stops and removes the container, then its image. */
  @Override
  public void close() {
    try {
      container.stop();
    } finally {
      Docker.removeImage(image);
    }
  }
}
