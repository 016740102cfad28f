package fault;

import io.opentelemetry.api.metrics.LongCounter;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.metrics.InstrumentType;
import io.opentelemetry.sdk.metrics.SdkMeterProvider;
import io.opentelemetry.sdk.metrics.data.AggregationTemporality;
import io.opentelemetry.sdk.metrics.data.MetricData;
import io.opentelemetry.sdk.metrics.export.MetricExporter;
import io.opentelemetry.sdk.metrics.export.PeriodicMetricReader;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.TimeUnit;
import net.bytebuddy.ByteBuddy;
import net.bytebuddy.implementation.FixedValue;
import net.bytebuddy.matcher.ElementMatchers;

/**
 * An application that brings its own OpenTelemetry SDK (1.40, not the agent's version) and its own
 * Byte Buddy (1.14): it counts its orders with its own meter provider and reads them back, calls
 * {@link Work#step} for each, and generates a class. Prints what it saw and which jars it came
 * from.
 */
public final class OwnSdk {
  private OwnSdk() {}

  public static void main(String[] args) throws Exception {
    int orders = Integer.parseInt(args[0]);
    Captured exporter = new Captured();
    SdkMeterProvider provider =
        SdkMeterProvider.builder()
            .registerMetricReader(
                PeriodicMetricReader.builder(exporter).setInterval(1, TimeUnit.HOURS).build())
            .build();
    LongCounter counter = provider.get("shop").counterBuilder("shop.orders").build();
    long sum = 0;
    for (int i = 0; i < orders; i++) {
      counter.add(1);
      sum += Work.step(i);
    }
    provider.forceFlush().join(10, TimeUnit.SECONDS);
    long counted =
        exporter.exported.stream()
            .filter(m -> m.getName().equals("shop.orders"))
            .flatMap(m -> m.getLongSumData().getPoints().stream())
            .mapToLong(p -> p.getValue())
            .max()
            .orElse(-1);
    provider.shutdown().join(10, TimeUnit.SECONDS);
    System.out.println(
        "RESULT own.sdk.orders=" + counted + " from " + jarOf(SdkMeterProvider.class));
    System.out.println("RESULT own.bytebuddy=" + generate() + " by " + jarOf(ByteBuddy.class));
    System.out.println("RESULT sum=" + sum);
    System.out.println("DONE");
  }

  private static String generate() throws Exception {
    return new ByteBuddy()
        .subclass(Object.class)
        .method(ElementMatchers.named("toString"))
        .intercept(FixedValue.value("generated"))
        .make()
        .load(OwnSdk.class.getClassLoader())
        .getLoaded()
        .getConstructor()
        .newInstance()
        .toString();
  }

  private static String jarOf(Class<?> type) {
    return type.getProtectionDomain().getCodeSource().getLocation().getPath().replaceAll(".*/", "");
  }

  /** Keeps what the application's own reader exported. */
  private static final class Captured implements MetricExporter {
    final List<MetricData> exported = new ArrayList<>();

    @Override
    public synchronized CompletableResultCode export(Collection<MetricData> metrics) {
      exported.addAll(metrics);
      return CompletableResultCode.ofSuccess();
    }

    @Override
    public CompletableResultCode flush() {
      return CompletableResultCode.ofSuccess();
    }

    @Override
    public CompletableResultCode shutdown() {
      return CompletableResultCode.ofSuccess();
    }

    @Override
    public AggregationTemporality getAggregationTemporality(InstrumentType instrumentType) {
      return AggregationTemporality.CUMULATIVE;
    }
  }
}
