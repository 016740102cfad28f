package selection.async;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;

/** Methods returning futures that complete later. */
public class AsyncService {
  public CompletableFuture<String> slow(long millis) {
    return CompletableFuture.supplyAsync(
        () -> "done", CompletableFuture.delayedExecutor(millis, TimeUnit.MILLISECONDS));
  }

  public CompletionStage<String> failsLater(long millis) {
    return CompletableFuture.supplyAsync(
        () -> {
          throw new IllegalStateException("late failure");
        },
        CompletableFuture.delayedExecutor(millis, TimeUnit.MILLISECONDS));
  }

  public CompletableFuture<String> never() {
    return new CompletableFuture<>();
  }

  public CompletableFuture<String> throwsAtOnce() {
    throw new UnsupportedOperationException("at once");
  }
}
