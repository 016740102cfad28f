package io.perfagent.agent.instrument;

import io.perfagent.agent.log.AgentLog;
import java.lang.instrument.ClassFileTransformer;
import java.security.ProtectionDomain;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The transformer registered from {@code premain}, before Byte Buddy is even loaded. Classes the
 * {@link ClassPrefilter} rejects (nearly all) pass at once; a class that may hold a measured
 * method waits until the Byte Buddy transformer, built on a background thread, is ready. So {@code
 * premain} returns in milliseconds, and no early call of a measured method is missed.
 *
 * <p>The rule for early calls, then: a measured class that loads while the weaver is being built
 * waits for it (tens of milliseconds since the lean weaver; at most {@value
 * #READY_TIMEOUT_SECONDS} s, after which it loads unmeasured with one line saying so), and every
 * one of its calls is measured. Loading it unmeasured and retransforming it later would lose its
 * first calls, and a short-lived program would lose all of them.
 */
final class DeferredTransformer implements ClassFileTransformer {

  /** How long a class load may wait for the Byte Buddy transformer before it loads unmeasured. */
  private static final long READY_TIMEOUT_SECONDS = 30;

  private static final String[] IGNORED_PREFIXES = {
    "java/", "jdk/", "sun/", "com/sun/", "io/perfagent/",
  };

  private final ClassPrefilter prefilter;
  private final CountDownLatch settled = new CountDownLatch(1);
  private volatile ClassFileTransformer delegate;
  private final java.util.concurrent.atomic.AtomicInteger waited =
      new java.util.concurrent.atomic.AtomicInteger();

  DeferredTransformer(ClassPrefilter prefilter) {
    this.prefilter = prefilter;
  }

  /** Hands over the real transformer; classes waiting for it proceed. */
  void activate(ClassFileTransformer byteBuddy) {
    delegate = byteBuddy;
    settled.countDown();
  }

  /** Gives up on instrumentation: waiting classes load unmeasured. */
  void abandon() {
    settled.countDown();
  }

  @Override
  public byte[] transform(
      Module module,
      ClassLoader loader,
      String className,
      Class<?> classBeingRedefined,
      ProtectionDomain protectionDomain,
      byte[] classfileBuffer) {
    if (className == null || isIgnored(className) || !prefilter.mightMatch(className, classfileBuffer)) {
      return null;
    }
    ClassFileTransformer d = awaitDelegate(className);
    if (d == null) {
      return null;
    }
    try {
      return d.transform(
          module, loader, className, classBeingRedefined, protectionDomain, classfileBuffer);
    } catch (Throwable failure) {
      AgentLog.warnThrottled(
          "transform", "could not instrument " + className + ", it runs unmeasured: " + failure);
      return null;
    }
  }

  @Override
  public byte[] transform(
      ClassLoader loader,
      String className,
      Class<?> classBeingRedefined,
      ProtectionDomain protectionDomain,
      byte[] classfileBuffer) {
    return transform(null, loader, className, classBeingRedefined, protectionDomain, classfileBuffer);
  }

  private ClassFileTransformer awaitDelegate(String className) {
    ClassFileTransformer d = delegate;
    if (d != null) {
      return d;
    }
    waited.incrementAndGet();
    try {
      if (!settled.await(READY_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
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
    for (String prefix : IGNORED_PREFIXES) {
      if (internalName.startsWith(prefix)) {
        return true;
      }
    }
    return false;
  }
}
