package reactive;

import com.google.common.util.concurrent.ListenableFuture;
import com.google.common.util.concurrent.SettableFuture;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Methods returning real Reactor and Guava results that complete later, fail later, or never
 * complete (and are cancelled by the caller). Selected by configuration only.
 */
public final class Flows {

  private final ScheduledExecutorService timer =
      Executors.newSingleThreadScheduledExecutor(
          r -> {
            Thread t = new Thread(r, "flows-timer");
            t.setDaemon(true);
            return t;
          });

  public Mono<String> monoLater(long millis) {
    return Mono.delay(Duration.ofMillis(millis)).map(tick -> "mono");
  }

  public Flux<Long> fluxLater(long millis) {
    return Flux.interval(Duration.ofMillis(millis / 4)).take(4);
  }

  public Mono<String> monoFailsLater(long millis) {
    return Mono.delay(Duration.ofMillis(millis))
        .flatMap(tick -> Mono.error(new IllegalStateException("no stock")));
  }

  public Mono<String> monoNever() {
    return Mono.never();
  }

  public ListenableFuture<String> guavaLater(long millis) {
    SettableFuture<String> f = SettableFuture.create();
    timer.schedule(() -> f.set("guava"), millis, TimeUnit.MILLISECONDS);
    return f;
  }

  public ListenableFuture<String> guavaFailsLater(long millis) {
    SettableFuture<String> f = SettableFuture.create();
    timer.schedule(
        () -> f.setException(new IOException("disk gone")), millis, TimeUnit.MILLISECONDS);
    return f;
  }

  public ListenableFuture<String> guavaNever() {
    return SettableFuture.create();
  }
}
