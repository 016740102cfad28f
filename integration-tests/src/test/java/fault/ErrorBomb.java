package fault;

import io.perfagent.annotation.Measured;
import java.lang.invoke.MethodHandles;
import java.util.ArrayList;
import java.util.List;
import net.bytebuddy.ByteBuddy;
import net.bytebuddy.dynamic.loading.ClassLoadingStrategy;

/**
 * {@code ErrorBomb <types> <rounds>}: generates {@code types} exception classes ({@code
 * fault.Boom0}, ...) with the application's own Byte Buddy and lets one measured method throw each
 * of them {@code rounds} times, in turn (Boom0, Boom1, ... then again). Prints how many it caught,
 * per type and in all.
 */
public final class ErrorBomb {
  private ErrorBomb() {}

  public static void main(String[] args) throws Exception {
    int types = Integer.parseInt(args[0]);
    int rounds = Integer.parseInt(args[1]);
    List<Class<? extends RuntimeException>> booms = new ArrayList<>();
    for (int i = 0; i < types; i++) {
      booms.add(
          new ByteBuddy()
              .subclass(RuntimeException.class)
              .name("fault.Boom" + i)
              .make()
              .load(
                  ErrorBomb.class.getClassLoader(),
                  ClassLoadingStrategy.UsingLookup.of(MethodHandles.lookup()))
              .getLoaded());
    }
    long caught = 0;
    for (int r = 0; r < rounds; r++) {
      for (Class<? extends RuntimeException> boom : booms) {
        try {
          fire(boom);
        } catch (RuntimeException e) {
          if (e.getClass() == boom) {
            caught++;
          }
        }
      }
    }
    System.out.println("RESULT caught=" + caught);
    System.out.println("DONE");
  }

  @Measured
  static void fire(Class<? extends RuntimeException> boom) throws Exception {
    throw boom.getConstructor().newInstance();
  }
}
