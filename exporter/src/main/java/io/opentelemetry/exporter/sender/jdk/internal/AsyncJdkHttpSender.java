package io.opentelemetry.exporter.sender.jdk.internal;

import io.opentelemetry.api.impl.InstrumentationUtil;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.common.export.Compressor;
import io.opentelemetry.sdk.common.export.HttpResponse;
import io.opentelemetry.sdk.common.export.HttpSender;
import io.opentelemetry.sdk.common.export.MessageWriter;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse.BodySubscriber;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.zip.GZIPInputStream;
import org.jspecify.annotations.Nullable;

/**
 * OTLP over http/protobuf with the JDK {@code HttpClient}, sent asynchronously: the calling thread
 * (the agent's scheduler) only writes the request body and hands it to the client; the answer, a
 * timeout ({@code otel.exporter.otlp.timeout}) or a connection failure completes the export on the
 * client's selector thread, which exists anyway. So a Collector that never answers holds no thread
 * of the agent's, and no periodic task of the agent waits for it; the exporter chain keeps one
 * round in flight ({@code BatchingExporter}), so requests never pile up.
 *
 * <p>What the upstream {@link JdkHttpSender} does besides, it does the same way: headers, content
 * type, compression, a gzip-encoded answer, a bounded answer body. Retries are not done here (the
 * agent turns them off: the next interval is the retry); with retries configured, the provider uses
 * the upstream sender on the calling thread.
 */
final class AsyncJdkHttpSender implements HttpSender {

  private final HttpClient client;
  private final URI endpoint;
  private final String contentType;
  private final @Nullable Compressor compressor;
  private final Duration timeout;
  private final Supplier<Map<String, List<String>>> headers;
  private final long maxResponseBodySize;

  AsyncJdkHttpSender(
      HttpClient client,
      URI endpoint,
      String contentType,
      @Nullable Compressor compressor,
      Duration timeout,
      Supplier<Map<String, List<String>>> headers,
      long maxResponseBodySize) {
    this.client = client;
    this.endpoint = endpoint;
    this.contentType = contentType;
    this.compressor = compressor;
    this.timeout = timeout;
    this.headers = headers;
    this.maxResponseBodySize = maxResponseBodySize;
  }

  @Override
  public void send(
      MessageWriter messageWriter, Consumer<HttpResponse> onResponse, Consumer<Throwable> onError) {
    HttpRequest request;
    try {
      request = request(messageWriter);
    } catch (IOException | RuntimeException e) {
      onError.accept(e);
      return;
    }
    // Beside the OpenTelemetry Java agent, its HttpClient instrumentation must not trace exports.
    InstrumentationUtil.suppressInstrumentation(
        () -> {
          CompletableFuture<java.net.http.HttpResponse<byte[]>> sent;
          try {
            sent = client.sendAsync(request, info -> new BoundedBody(maxResponseBodySize));
          } catch (RuntimeException e) {
            onError.accept(e);
            return;
          }
          sent.whenComplete(
              (response, failure) -> {
                if (failure != null) {
                  onError.accept(unwrap(failure));
                  return;
                }
                HttpResponse answer;
                try {
                  answer = toResponse(response);
                } catch (IOException | RuntimeException e) {
                  onError.accept(e);
                  return;
                }
                onResponse.accept(answer);
              });
        });
  }

  private HttpRequest request(MessageWriter body) throws IOException {
    HttpRequest.Builder b = HttpRequest.newBuilder().uri(endpoint).timeout(timeout);
    Map<String, List<String>> extra = headers.get();
    if (extra != null) {
      extra.forEach((key, values) -> values.forEach(value -> b.header(key, value)));
    }
    b.header("Content-Type", contentType);
    b.header("Accept-Encoding", "gzip, identity");
    ByteArrayOutputStream out = new ByteArrayOutputStream(Math.max(32, body.getContentLength()));
    Compressor c = compressor;
    if (c != null) {
      b.header("Content-Encoding", c.getEncoding());
      try (OutputStream compressed = c.compress(out)) {
        body.writeMessage(compressed);
      }
    } else {
      body.writeMessage(out);
    }
    return b.POST(HttpRequest.BodyPublishers.ofByteArray(out.toByteArray())).build();
  }

  private static HttpResponse toResponse(java.net.http.HttpResponse<byte[]> response)
      throws IOException {
    byte[] body = response.body();
    String encoding = response.headers().firstValue("Content-Encoding").orElse("identity");
    if ("gzip".equalsIgnoreCase(encoding)) {
      try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(body))) {
        body = in.readAllBytes();
      }
    } else if (!"identity".equalsIgnoreCase(encoding)) {
      throw new IOException("Unsupported Content-Encoding: " + encoding);
    }
    int status = response.statusCode();
    byte[] bytes = body;
    return new HttpResponse() {
      @Override
      public int getStatusCode() {
        return status;
      }

      @Override
      public String getStatusMessage() {
        return String.valueOf(status);
      }

      @Override
      public byte[] getResponseBody() {
        return bytes;
      }
    };
  }

  private static Throwable unwrap(Throwable t) {
    return t instanceof CompletionException && t.getCause() != null ? t.getCause() : t;
  }

  @Override
  public CompletableResultCode shutdown() {
    // Not HttpClient.close() (JDK 21+): it waits for requests in flight, and the exit's wait is
    // bounded by the pipeline instead. The client's selector thread ends with the client.
    return CompletableResultCode.ofSuccess();
  }

  /**
   * The answer's body, refused beyond {@code max} bytes: an answer must not cost unbounded memory.
   */
  private static final class BoundedBody implements BodySubscriber<byte[]> {
    private final long max;
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final CompletableFuture<byte[]> result = new CompletableFuture<>();
    private Flow.@Nullable Subscription subscription;

    BoundedBody(long max) {
      this.max = max;
    }

    @Override
    public CompletionStage<byte[]> getBody() {
      return result;
    }

    @Override
    public void onSubscribe(Flow.Subscription s) {
      subscription = s;
      s.request(Long.MAX_VALUE);
    }

    @Override
    public void onNext(List<ByteBuffer> items) {
      for (ByteBuffer b : items) {
        byte[] chunk = new byte[b.remaining()];
        b.get(chunk);
        bytes.write(chunk, 0, chunk.length);
      }
      if (bytes.size() > max) {
        Flow.Subscription s = subscription;
        if (s != null) {
          s.cancel();
        }
        result.completeExceptionally(
            new IOException("HTTP response body exceeded limit of " + max + " bytes"));
      }
    }

    @Override
    public void onError(Throwable throwable) {
      result.completeExceptionally(throwable);
    }

    @Override
    public void onComplete() {
      result.complete(bytes.toByteArray());
    }
  }
}
