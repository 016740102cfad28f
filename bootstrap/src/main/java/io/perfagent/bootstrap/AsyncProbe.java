package io.perfagent.bootstrap;

import java.lang.reflect.Method;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * Times a method that returns an asynchronous result until that result completes, as
 * OpenTelemetry's {@code @WithSpan} and Micrometer's {@code TimedAspect} do: the woven exit of such
 * a method hands its return value here instead of recording at once.
 *
 * <p>{@link CompletionStage} gets one {@code whenComplete} callback. Reactor {@code Mono} / {@code
 * Flux} and Guava {@code ListenableFuture} are recognised by class name (the agent has neither
 * library) and reached by reflection, the method looked up once per class: a {@code Mono} or {@code
 * Flux} is returned wrapped ({@code doOnError} + {@code doFinally}), since it does nothing until
 * subscribed; it is recorded once, at its first termination. An exceptional completion records its
 * cause's type as {@code error.type}; a cancellation records {@link CancellationException}.
 *
 * <p>Costs one small object and the callback's registration per call (unlike {@link Probe}, this
 * path allocates). Never throws into the application: any failure here returns the value as it was,
 * and the woven code counts it.
 */
public final class AsyncProbe {

  private static final int OTHER = 0;
  private static final int REACTOR = 1;
  private static final int LISTENABLE = 2;

  /** What each class of returned value is; looked up once per class. */
  private static final ClassValue<Shape> SHAPES =
      new ClassValue<Shape>() {
        @Override
        protected Shape computeValue(Class<?> type) {
          return Shape.of(type);
        }
      };

  /**
   * The one cancellation every cancelled Reactor or Guava call records (only its type is read); a
   * plain {@link CancellationException}, so that {@code error.type} names the JDK's class.
   */
  private static final CancellationException CANCELLED = new CancellationException("cancelled");

  private AsyncProbe() {}

  /**
   * Arranges for the call that started at {@code startNanos} to be recorded when {@code returned}
   * completes, and returns what the method must return (the same object, or for Reactor types a
   * wrapper that records). A value of no asynchronous kind is recorded now.
   */
  public static @Nullable Object timeUntilDone(
      int methodId, long startNanos, @Nullable Object returned) {
    if (startNanos == 0L) {
      return returned; // the enter advice did not run: there is no start to time from
    }
    if (returned == null) {
      Probe.timed(methodId, startNanos, null);
      return null;
    }
    Completion completion = new Completion(methodId, startNanos);
    if (returned instanceof CompletionStage) {
      ((CompletionStage<?>) returned).whenComplete(completion);
      return returned;
    }
    Shape shape = SHAPES.get(returned.getClass());
    try {
      if (shape.kind == REACTOR) {
        Object withError = shape.first.invoke(returned, completion);
        return shape.second.invoke(withError, completion);
      }
      if (shape.kind == LISTENABLE) {
        completion.future = (Future<?>) returned;
        shape.first.invoke(returned, completion, Direct.INSTANCE);
        return returned;
      }
    } catch (Throwable failure) {
      Probe.adviceFailed(failure);
      return returned;
    }
    Probe.timed(methodId, startNanos, null);
    return returned;
  }

  /** Records the call once, whichever signal comes first. */
  static final class Completion extends AtomicBoolean
      implements BiConsumer<Object, Throwable>, Consumer<Object>, Runnable {
    private static final long serialVersionUID = 1L;
    private final int methodId;
    private final long startNanos;
    private volatile @Nullable Throwable error;
    volatile @Nullable Future<?> future;

    Completion(int methodId, long startNanos) {
      this.methodId = methodId;
      this.startNanos = startNanos;
    }

    /** {@code CompletionStage.whenComplete}. */
    @Override
    public void accept(@Nullable Object value, @Nullable Throwable thrown) {
      record(unwrap(thrown));
    }

    /** Reactor: {@code doOnError} hands a throwable, {@code doFinally} a {@code SignalType}. */
    @Override
    public void accept(Object signal) {
      if (signal instanceof Throwable) {
        error = (Throwable) signal;
      } else {
        Throwable e = error;
        boolean cancelled = signal instanceof Enum && ((Enum<?>) signal).name().equals("CANCEL");
        record(e == null && cancelled ? CANCELLED : e);
      }
    }

    /** Guava: the listener runs once the future is done, so {@code get} does not block. */
    @Override
    public void run() {
      Future<?> f = future;
      @Nullable Throwable thrown = null;
      if (f != null && f.isCancelled()) {
        thrown = CANCELLED;
      } else if (f != null) {
        try {
          f.get();
        } catch (ExecutionException e) {
          thrown = e.getCause() == null ? e : e.getCause();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        } catch (Throwable e) {
          thrown = e;
        }
      }
      record(thrown);
    }

    private void record(@Nullable Throwable thrown) {
      if (compareAndSet(false, true)) {
        Probe.timed(methodId, startNanos, thrown);
      }
    }

    private static @Nullable Throwable unwrap(@Nullable Throwable thrown) {
      if (thrown instanceof CompletionException && thrown.getCause() != null) {
        return thrown.getCause();
      }
      return thrown;
    }
  }

  /** Runs a Guava listener on the thread that completes the future. */
  private static final class Direct implements Executor {
    static final Direct INSTANCE = new Direct();

    @Override
    public void execute(Runnable command) {
      command.run();
    }
  }

  /** How to reach a class's completion; found by name along its supertypes. */
  @SuppressWarnings("NullAway") // NONE has no methods, and its kind says so before any is used
  private static final class Shape {
    static final Shape NONE = new Shape(OTHER, null, null);
    final int kind;
    final Method first;
    final Method second;

    private Shape(int kind, Method first, Method second) {
      this.kind = kind;
      this.first = first;
      this.second = second;
    }

    static Shape of(Class<?> type) {
      try {
        for (Class<?> c = type; c != null; c = c.getSuperclass()) {
          String name = c.getName();
          if (name.equals("reactor.core.publisher.Mono")
              || name.equals("reactor.core.publisher.Flux")) {
            return new Shape(
                REACTOR,
                c.getMethod("doOnError", Consumer.class),
                c.getMethod("doFinally", Consumer.class));
          }
          Class<?> listenable = find(c, "com.google.common.util.concurrent.ListenableFuture");
          if (listenable != null) {
            return new Shape(
                LISTENABLE,
                listenable.getMethod("addListener", Runnable.class, Executor.class),
                null);
          }
        }
      } catch (ReflectiveOperationException | RuntimeException | LinkageError unusable) {
        // Recorded at once, like any other value.
      }
      return NONE;
    }

    private static @Nullable Class<?> find(Class<?> c, String interfaceName) {
      for (Class<?> i : c.getInterfaces()) {
        if (i.getName().equals(interfaceName)) {
          return i;
        }
        Class<?> deeper = find(i, interfaceName);
        if (deeper != null) {
          return deeper;
        }
      }
      return null;
    }
  }
}
