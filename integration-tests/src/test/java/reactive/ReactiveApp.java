package reactive;

import com.google.common.util.concurrent.SettableFuture;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Calls each {@link Flows} method {@code rounds} times (first argument) as an application would:
 * subscribes and waits for the Reactor results, waits for the Guava futures, and cancels the ones
 * that never complete after 50 ms. Prints what it got, then {@code DONE}; its output does not
 * depend on whether it is measured.
 */
public final class ReactiveApp {

  private ReactiveApp() {}

  public static void main(String[] args) throws Exception {
    int rounds = Integer.parseInt(args[0]);
    long millis = 200;
    warmUp();
    Flows flows = new Flows();
    for (int i = 0; i < rounds; i++) {
      System.out.println("mono " + flows.monoLater(millis).block());
      System.out.println("flux " + flows.fluxLater(millis).count().block());
      try {
        flows.monoFailsLater(millis).block();
      } catch (IllegalStateException expected) {
        System.out.println("mono failed: " + expected.getMessage());
      }
      Disposable never = flows.monoNever().subscribe();
      Thread.sleep(50);
      never.dispose();
      System.out.println("mono cancelled");

      System.out.println("guava " + flows.guavaLater(millis).get(10, TimeUnit.SECONDS));
      try {
        flows.guavaFailsLater(millis).get(10, TimeUnit.SECONDS);
      } catch (ExecutionException expected) {
        System.out.println("guava failed: " + expected.getCause().getMessage());
      }
      var pending = flows.guavaNever();
      Thread.sleep(50);
      System.out.println("guava cancelled " + pending.cancel(true));
    }
    System.out.println("DONE");
  }

  /**
   * Reactor's schedulers and Guava's futures start here, unmeasured: the first measured call then
   * times the call, not the libraries' first use (which takes hundreds of milliseconds on a busy
   * machine, and would blur what "until returned" means).
   */
  private static void warmUp() throws Exception {
    Mono.delay(Duration.ofMillis(1)).map(tick -> "warm").block();
    Flux.interval(Duration.ofMillis(1)).take(2).count().block();
    Mono.never().subscribe().dispose();
    Mono.delay(Duration.ofMillis(1))
        .flatMap(tick -> Mono.error(new IllegalStateException()))
        .onErrorReturn("warm")
        .block();
    SettableFuture<String> done = SettableFuture.create();
    done.set("warm");
    done.get();
    SettableFuture.create().cancel(true);
  }
}
