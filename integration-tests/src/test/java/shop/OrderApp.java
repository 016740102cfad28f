package shop;

import java.net.URL;
import java.util.function.IntSupplier;

/**
 * A small service for black-box tests: every kind of measured method, called a known number of
 * times, with return values and exceptions printed as {@code RESULT key=value} so that the test can
 * check the agent changed none of them. It also uses its own Byte Buddy and OpenTelemetry API
 * (versions other than the agent's) to prove the agent's shaded copies never clash.
 *
 * <p>Usage: {@code OrderApp [orders]} (default 20; every fifth order fails).
 */
public final class OrderApp {

  public static final int SLEEP_MILLIS = 5;

  private OrderApp() {}

  public static void main(String[] args) throws Exception {
    int orders = args.length > 0 ? Integer.parseInt(args[0]) : 20;
    result("own.bytebuddy", OwnLibraries.generateClassWithOwnByteBuddy());
    result("own.otel", OwnLibraries.useOwnOpenTelemetryApi());

    OrderService service = new OrderService();
    for (int i = 1; i <= orders; i++) {
      try {
        result("place." + i, service.place(i));
      } catch (IllegalArgumentException e) {
        result("place." + i, "threw " + e.getClass().getName() + ": " + e.getMessage());
      }
      result("reserve." + i, Inventory.reserve(i));
      result("charge." + i, new Billing().charge(i));
    }
    Billing billing = new Billing();
    for (int i = 0; i < 3; i++) {
      billing.audit();
    }
    result("ship", new Shipping().ship("a") + new Shipping().ship("b"));

    IntSupplier plugin = loadChildFirstPlugin();
    int sum = 0;
    for (int i = 0; i < 4; i++) {
      sum += plugin.getAsInt();
    }
    result("plugin", sum + " via " + plugin.getClass().getClassLoader().getClass().getSimpleName());
    System.out.println("DONE");
  }

  static void result(String key, Object value) {
    System.out.println("RESULT " + key + "=" + value);
  }

  private static IntSupplier loadChildFirstPlugin() throws Exception {
    URL classes = OrderApp.class.getProtectionDomain().getCodeSource().getLocation();
    ChildFirstLoader loader =
        new ChildFirstLoader(new URL[] {classes}, OrderApp.class.getClassLoader());
    Class<?> type = loader.loadClass("shop.plugin.Plugin");
    if (type.getClassLoader() != loader) {
      throw new IllegalStateException("plugin not loaded child-first");
    }
    return (IntSupplier) type.getConstructor().newInstance();
  }
}
