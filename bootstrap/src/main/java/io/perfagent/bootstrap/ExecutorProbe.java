package io.perfagent.bootstrap;

import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * Where the constructors of {@code ThreadPoolExecutor} and {@code ForkJoinPool}, woven by the
 * agent, report each new pool, so that its queue can be sampled with no code change. Lives on the
 * boot class path because those JDK classes can see nothing else. Never throws.
 */
public final class ExecutorProbe {

  private static volatile @Nullable Consumer<Object> sink;

  private ExecutorProbe() {}

  /** A pool was constructed (possibly reported twice, by a delegating constructor too). */
  public static void created(Object pool) {
    Consumer<Object> s = sink;
    if (s != null) {
      try {
        s.accept(pool);
      } catch (Throwable failure) {
        Probe.adviceFailed(failure);
      }
    }
  }

  /** Installs the receiver of new pools; {@code null} drops them. */
  public static void install(@Nullable Consumer<Object> newSink) {
    sink = newSink;
  }
}
