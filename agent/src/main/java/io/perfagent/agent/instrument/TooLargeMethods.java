package io.perfagent.agent.instrument;

import io.perfagent.agent.log.AgentLog;
import java.lang.instrument.ClassFileTransformer;
import java.lang.instrument.IllegalClassFormatException;
import java.security.ProtectionDomain;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.jar.asm.MethodTooLargeException;
import org.jspecify.annotations.Nullable;

/**
 * Methods whose code would pass the JVM's 64 KB limit once measured. The class file writer finds
 * out only when it writes the whole class, and the class would then load unmeasured; instead the
 * method is remembered, left out, and the class woven again, so only that method runs unmeasured.
 * One line per class names the methods left out.
 */
final class TooLargeMethods {

  /**
   * A class has at most this many too-large methods before we give up on it (each costs a pass).
   */
  private static final int MAX_PASSES = 8;

  /** {@code pkg.Class#name(descriptor)} of every method left out; grows only with such methods. */
  private final Set<String> skipped = ConcurrentHashMap.newKeySet();

  /** The methods left out while the current thread transforms one class. */
  private final ThreadLocal<List<String>> leftOutNow = new ThreadLocal<>();

  /** Whether the method is one that must stay unmeasured. */
  boolean isSkipped(MethodDescription method) {
    return !skipped.isEmpty()
        && skipped.contains(
            key(
                method.getDeclaringType().getTypeName(),
                method.getInternalName(),
                method.getDescriptor()));
  }

  /**
   * Takes note of a method that came out too large; returns whether {@code failure} was that.
   * Called by Byte Buddy's listener on the transforming thread.
   */
  boolean onError(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof MethodTooLargeException) {
        MethodTooLargeException tooLarge = (MethodTooLargeException) t;
        String key =
            key(
                tooLarge.getClassName().replace('/', '.'),
                tooLarge.getMethodName(),
                tooLarge.getDescriptor());
        List<String> now = leftOutNow.get();
        if (now == null || !skipped.add(key)) {
          return false; // not inside wrap(), or left out already: another pass would not help
        }
        now.add(key.replace('#', '.'));
        return true;
      }
    }
    return false;
  }

  /** Wraps Byte Buddy's transformer with a new pass for each method that came out too large. */
  ClassFileTransformer wrap(ClassFileTransformer byteBuddy) {
    return new ClassFileTransformer() {
      @Override
      public byte @Nullable [] transform(
          Module module,
          ClassLoader loader,
          String className,
          Class<?> classBeingRedefined,
          ProtectionDomain protectionDomain,
          byte[] classfileBuffer)
          throws IllegalClassFormatException {
        List<String> leftOut = new ArrayList<>(0);
        leftOutNow.set(leftOut);
        try {
          byte[] woven = null;
          for (int pass = 0; pass < MAX_PASSES; pass++) {
            int before = leftOut.size();
            try {
              woven =
                  byteBuddy.transform(
                      module,
                      loader,
                      className,
                      classBeingRedefined,
                      protectionDomain,
                      classfileBuffer);
            } catch (RuntimeException | Error failed) {
              // Byte Buddy reports a failure to the listener, then throws it: logged there once
              // per class, so the class loads unmeasured without a second line, unless a method
              // came out too large and another pass leaves it out.
              woven = null;
              if (leftOut.size() == before) {
                break;
              }
              continue;
            }
            if (woven != null || leftOut.size() == before) {
              break;
            }
          }
          if (!leftOut.isEmpty()) {
            AgentLog.warn(
                "not measuring "
                    + String.join(", ", leftOut)
                    + ": measured, the code would pass the JVM's limit of 64 KB per method"
                    + (woven != null ? "; the other methods of the class are measured" : ""));
          }
          return woven;
        } finally {
          leftOutNow.remove();
        }
      }
    };
  }

  private static String key(String typeName, String methodName, String descriptor) {
    return typeName + "#" + methodName + descriptor;
  }
}
