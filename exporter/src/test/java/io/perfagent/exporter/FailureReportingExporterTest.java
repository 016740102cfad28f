package io.perfagent.exporter;

import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.metrics.InstrumentType;
import io.opentelemetry.sdk.metrics.data.AggregationTemporality;
import io.opentelemetry.sdk.metrics.data.MetricData;
import io.opentelemetry.sdk.metrics.export.MetricExporter;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class FailureReportingExporterTest {

  private boolean failing = true;
  private boolean skipping;
  private final AtomicLong now = new AtomicLong(1_000_000);
  private final List<String> lines = new ArrayList<>();
  private final FailureReportingExporter exporter =
      new FailureReportingExporter(new Switchable(), "http://c:4317 (grpc)", lines::add, now::get);

  @Test
  void failures_areReportedOncePerMinute() {
    for (int i = 0; i < 100; i++) {
      exporter.export(Collections.emptyList());
      now.addAndGet(1_000); // one attempt a second for 100 s
    }
    assertThat(lines).hasSize(2);
    assertThat(lines.get(0))
        .contains("http://c:4317 (grpc)", "1 attempt so far", "IOException collector down")
        .contains("the next export that succeeds carries their totals")
        .doesNotContain("nothing is lost");
    assertThat(lines.get(1)).contains("61 attempts so far");
  }

  @Test
  void recovery_isReportedOnce() {
    exporter.export(Collections.emptyList());
    exporter.export(Collections.emptyList());
    failing = false;
    exporter.export(Collections.emptyList());
    exporter.export(Collections.emptyList());
    assertThat(lines).hasSize(2);
    assertThat(lines.get(1)).contains("works again after 2 failed attempts");
  }

  @Test
  void aRoundSkippedBehindAnUnansweredOne_isCounted_butTheLineIsKeptForTheRealReason() {
    skipping = true;
    exporter.export(Collections.emptyList());
    assertThat(lines).isEmpty();
    skipping = false;
    exporter.export(Collections.emptyList());
    assertThat(lines).hasSize(1);
    assertThat(lines.get(0))
        .contains("2 attempts so far", "IOException collector down")
        .doesNotContain("still waiting");
  }

  @Test
  void afterTheFinalExportBegins_failuresAreLeftToTheShutdownsOwnLine() {
    exporter.beginFinal();
    exporter.export(Collections.emptyList());
    assertThat(lines).isEmpty();
  }

  @Test
  void anExportCutShortByTheExit_isNoFailedAttempt_soTheFinalSuccessSaysNothing() {
    exporter.beginFinal();
    exporter.export(Collections.emptyList()); // interrupted by the exit
    failing = false;
    exporter.export(Collections.emptyList()); // the final export
    assertThat(lines).isEmpty();
  }

  private final class Switchable implements MetricExporter {
    @Override
    public CompletableResultCode export(Collection<MetricData> metrics) {
      if (skipping) {
        return CompletableResultCode.ofExceptionalFailure(
            new ExportFailures.RoundSkipped(
                "10 of 10 points not delivered (the previous export was still waiting for an answer)"));
      }
      return failing
          ? CompletableResultCode.ofExceptionalFailure(
              new RuntimeException(new IOException("collector down")))
          : CompletableResultCode.ofSuccess();
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
