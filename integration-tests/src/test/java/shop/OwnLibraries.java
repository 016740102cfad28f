package shop;

import io.opentelemetry.api.GlobalOpenTelemetry;
import net.bytebuddy.ByteBuddy;
import net.bytebuddy.implementation.FixedValue;
import net.bytebuddy.matcher.ElementMatchers;

/** The application's own copies of libraries the agent also uses, in other versions. */
final class OwnLibraries {
  private OwnLibraries() {}

  static String generateClassWithOwnByteBuddy() throws Exception {
    Class<?> generated =
        new ByteBuddy()
            .subclass(Object.class)
            .method(ElementMatchers.named("toString"))
            .intercept(FixedValue.value("generated"))
            .make()
            .load(OwnLibraries.class.getClassLoader())
            .getLoaded();
    return generated.getConstructor().newInstance()
        + " by "
        + ByteBuddy.class
            .getProtectionDomain()
            .getCodeSource()
            .getLocation()
            .getPath()
            .replaceAll(".*/", "");
  }

  static String useOwnOpenTelemetryApi() {
    GlobalOpenTelemetry.getMeter("shop").counterBuilder("shop.own").build().add(1);
    return "api "
        + GlobalOpenTelemetry.class
            .getProtectionDomain()
            .getCodeSource()
            .getLocation()
            .getPath()
            .replaceAll(".*/", "");
  }
}
