package io.perfagent.agent.instrument;

import io.perfagent.agent.log.AgentLog;
import java.lang.instrument.ClassFileTransformer;
import java.security.ProtectionDomain;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;

/**
 * The transformer registered from {@code premain}, before Byte Buddy is even loaded. Classes the
 * {@link ClassPrefilter} rejects (nearly all) pass at once; a class that may hold a measured method
 * waits until the Byte Buddy transformer, built on a background thread, is ready. So {@code
 * premain} returns in milliseconds, and no early call of a measured method is missed.
 *
 * <p>The rule for early calls, then: a measured class that loads while the weaver is being built
 * waits for it (tens of milliseconds since the lean weaver; at most {@value #READY_TIMEOUT_MILLIS}
 * ms, after which it loads unmeasured with one line saying so), and every one of its calls is
 * measured. Loading it unmeasured and retransforming it later would lose its first calls, and a
 * short-lived program would lose all of them.
 */
final class DeferredTransformer implements ClassFileTransformer {

  /** How long a class load may wait for the Byte Buddy transformer before it loads unmeasured. */
  private static final long READY_TIMEOUT_MILLIS = 30_000;

  private static final String[] IGNORED_PREFIXES = {
    "java/", "jdk/", "sun/", "com/sun/", "io/perfagent/",
  };

  private volatile ClassPrefilter prefilter;
  private final CountDownLatch settled = new CountDownLatch(1);
  private volatile @Nullable ClassFileTransformer delegate;
  private final long readyTimeoutMillis;
  private final AtomicInteger waited = new AtomicInteger();

  /** Nanoseconds spent weaving classes being retransformed: a reload's log line splits by it. */
  private final java.util.concurrent.atomic.AtomicLong retransformNanos =
      new java.util.concurrent.atomic.AtomicLong();

  /** Names of the classes this transformer changed: what detach and reload must undo. */
  private final WovenClasses woven = new WovenClasses();

  DeferredTransformer(ClassPrefilter prefilter) {
    this(prefilter, READY_TIMEOUT_MILLIS);
  }

  /** With another wait than the 30 s default; for tests of the timeout. */
  DeferredTransformer(ClassPrefilter prefilter, long readyTimeoutMillis) {
    this.prefilter = prefilter;
    this.readyTimeoutMillis = readyTimeoutMillis;
  }

  /** Hands over the real transformer; classes waiting for it proceed. */
  void activate(ClassFileTransformer byteBuddy) {
    delegate = byteBuddy;
    settled.countDown();
  }

  /**
   * Swaps in another selection (hot reload) or none ({@code delegate == null}: detach); classes
   * loaded from now on see it. Retransforming the ones already loaded is the caller's business.
   */
  void replace(ClassPrefilter newPrefilter, @Nullable ClassFileTransformer newDelegate) {
    prefilter = newPrefilter;
    delegate = newDelegate;
    settled.countDown();
  }

  /** The prefilter in force. */
  ClassPrefilter prefilter() {
    return prefilter;
  }

  /** The classes this transformer has changed so far. */
  WovenClasses woven() {
    return woven;
  }

  /** Gives up on instrumentation: waiting classes load unmeasured. */
  void abandon() {
    settled.countDown();
  }

  @Override
  public byte @Nullable [] transform(
      @Nullable Module module,
      ClassLoader loader,
      String className,
      Class<?> classBeingRedefined,
      ProtectionDomain protectionDomain,
      byte[] classfileBuffer) {
    if (className == null || isIgnored(className)) {
      return null;
    }
    // A class defined with recursion copies must keep them whatever the selection is now.
    Set<String> copies =
        classBeingRedefined == null ? Set.of() : RecursionCopies.of(loader, className);
    if (copies.isEmpty() && !prefilter.mightMatch(className, classfileBuffer)) {
      return null;
    }
    ClassFileTransformer d = awaitDelegate(className);
    if (d == null) {
      return copies.isEmpty() ? null : RecursionCopy.placeholdersOnly(classfileBuffer, copies);
    }
    long start = classBeingRedefined == null ? 0 : System.nanoTime();
    try {
      byte[] out =
          d.transform(
              module, loader, className, classBeingRedefined, protectionDomain, classfileBuffer);
      if (out != null) {
        woven.add(className);
      }
      return out;
    } catch (Throwable failure) {
      AgentLog.warnThrottled(
          "transform", "could not instrument " + className + ", it runs unmeasured: " + failure);
      return null;
    } finally {
      if (classBeingRedefined != null) {
        retransformNanos.addAndGet(System.nanoTime() - start);
      }
    }
  }

  /** Nanoseconds spent so far weaving classes that were being retransformed. */
  long retransformNanos() {
    return retransformNanos.get();
  }

  @Override
  public byte @Nullable [] transform(
      ClassLoader loader,
      String className,
      Class<?> classBeingRedefined,
      ProtectionDomain protectionDomain,
      byte[] classfileBuffer) {
    return transform(
        null, loader, className, classBeingRedefined, protectionDomain, classfileBuffer);
  }

  private @Nullable ClassFileTransformer awaitDelegate(String className) {
    ClassFileTransformer d = delegate;
    if (d != null) {
      return d;
    }
    waited.incrementAndGet();
    try {
      if (!settled.await(readyTimeoutMillis, TimeUnit.MILLISECONDS)) {
        AgentLog.warnThrottled(
            "not-ready", "instrumentation not ready in time; " + className + " runs unmeasured");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return delegate;
  }

  /** How many class loads waited for the weaver; for the start-up log line. */
  int waitedCount() {
    return waited.get();
  }

  static boolean isIgnored(String internalName) {
    if (internalName.startsWith("jdk/proxy") || internalName.startsWith("com/sun/proxy/")) {
      return false; // JDK dynamic proxies: a pattern naming their interface may select them
    }
    for (String prefix : IGNORED_PREFIXES) {
      if (internalName.startsWith(prefix)) {
        return true;
      }
    }
    return false;
  }
}
