package io.opentelemetry.exporter.sender.jdk.internal;

import io.opentelemetry.sdk.common.export.HttpSender;
import io.opentelemetry.sdk.common.export.HttpSenderConfig;
import io.opentelemetry.sdk.common.export.HttpSenderProvider;
import java.net.http.HttpClient;
import java.util.List;
import java.util.concurrent.AbstractExecutorService;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLParameters;

/**
 * The OpenTelemetry JDK {@code HttpClient} sender (OTLP http/protobuf) without thread pools of its
 * own: the upstream provider sends from a pool of up to five {@code jdkhttp-executor} threads, and
 * its {@code HttpClient} completes every response on up to three {@code HttpClient-Worker} threads
 * of another pool. Here the request is written on the thread that calls the exporter (the agent's
 * scheduler, or the shutdown hook for the final export) and sent asynchronously ({@link
 * AsyncJdkHttpSender}); the client's one selector thread completes it. So OTLP costs that one
 * thread, and a Collector that does not answer holds none of the agent's.
 *
 * <p>With retries configured ({@code otel.java.exporter.otlp.retry.disabled=false}; the agent turns
 * them off by default), the upstream sender runs on the calling thread instead, which it holds
 * until the Collector answers, at most {@code otel.exporter.otlp.timeout}. HTTP/1.1 only: OTLP
 * needs nothing of HTTP/2, and a plain-text HTTP/2 upgrade offer is one more round of negotiation
 * with every Collector that declines it.
 *
 * <p>Listed as the only {@code HttpSenderProvider} of the agent jar (the shading drops the others'
 * service entries); the gRPC exporter keeps the OkHttp sender, which the JDK client cannot replace
 * (no HTTP trailers, opentelemetry-java#5351), and loads it only when chosen.
 */
public final class CallerThreadJdkHttpSenderProvider implements HttpSenderProvider {

  @Override
  public HttpSender createSender(HttpSenderConfig config) {
    if (config.getRetryPolicy() == null) { // the agent's default: the next interval is the retry
      return new AsyncJdkHttpSender(
          client(config),
          config.getEndpoint(),
          config.getContentType(),
          config.getCompressor(),
          config.getTimeout(),
          config.getHeadersSupplier(),
          config.getMaxResponseBodySize());
    }
    return new JdkHttpSender(
        client(config),
        config.getEndpoint(),
        config.getContentType(),
        config.getCompressor(),
        config.getTimeout(),
        config.getHeadersSupplier(),
        config.getRetryPolicy(),
        CallerThread.INSTANCE,
        config.getMaxResponseBodySize());
  }

  private static HttpClient client(HttpSenderConfig config) {
    HttpClient.Builder builder =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(config.getConnectTimeout())
            .executor(CallerThread.INSTANCE);
    if (config.getSslContext() != null) {
      builder.sslContext(config.getSslContext());
    }
    if (config.getProxyOptions() != null) {
      builder.proxy(config.getProxyOptions().getProxySelector());
    }
    List<String> protocols = config.getEnabledProtocols();
    if (protocols != null && !protocols.isEmpty()) {
      SSLParameters params = new SSLParameters();
      params.setProtocols(protocols.toArray(new String[0]));
      builder.sslParameters(params);
    }
    return builder.build();
  }

  /**
   * Runs each task on the thread that submits it. Never shut down for real: the sender treats an
   * executor it was given as not its own and leaves it alone.
   */
  static final class CallerThread extends AbstractExecutorService {
    static final CallerThread INSTANCE = new CallerThread();

    @Override
    public void execute(Runnable command) {
      command.run();
    }

    @Override
    public void shutdown() {}

    @Override
    public List<Runnable> shutdownNow() {
      return List.of();
    }

    @Override
    public boolean isShutdown() {
      return false;
    }

    @Override
    public boolean isTerminated() {
      return false;
    }

    @Override
    public boolean awaitTermination(long timeout, TimeUnit unit) {
      return false;
    }
  }
}
