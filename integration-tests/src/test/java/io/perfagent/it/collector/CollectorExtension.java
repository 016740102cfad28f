package io.perfagent.it.collector;

import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One real Collector for a test class: {@code @RegisterExtension static final CollectorExtension
 * collector = CollectorExtension.process();} starts it before the first test and stops it after the
 * last, and stands for it in between.
 */
public final class CollectorExtension implements BeforeAllCallback, AfterAllCallback, Collector {

  private final boolean inContainer;
  private Collector collector;

  private CollectorExtension(boolean inContainer) {
    this.inContainer = inContainer;
  }

  /** The Collector as a local process. */
  public static CollectorExtension process() {
    return new CollectorExtension(false);
  }

  /** The Collector in a Docker container; the class's tests are skipped where no engine answers. */
  public static CollectorExtension container() {
    return new CollectorExtension(true);
  }

  @Override
  public void beforeAll(ExtensionContext context) throws Exception {
    collector = inContainer ? ContainerCollector.start() : RealCollector.start();
  }

  @Override
  public void afterAll(ExtensionContext context) throws Exception {
    close();
  }

  private Collector get() {
    if (collector == null) {
      throw new IllegalStateException(
          "the Collector is not started (register the extension static)");
    }
    return collector;
  }

  @Override
  public String grpcEndpoint() {
    return get().grpcEndpoint();
  }

  @Override
  public String httpEndpoint() {
    return get().httpEndpoint();
  }

  @Override
  public List<ExportedMetric> metrics() throws IOException {
    return get().metrics();
  }

  @Override
  public String log() {
    return get().log();
  }

  @Override
  public void close() throws Exception {
    Collector c = collector;
    collector = null;
    if (c != null) {
      c.close();
    }
  }
}
