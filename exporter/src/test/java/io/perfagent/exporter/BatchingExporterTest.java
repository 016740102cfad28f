package io.perfagent.exporter;

import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.exporter.internal.FailedExportException;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.common.export.GrpcResponse;
import io.opentelemetry.sdk.common.export.GrpcStatusCode;
import io.opentelemetry.sdk.metrics.InstrumentType;
import io.opentelemetry.sdk.metrics.data.AggregationTemporality;
import io.opentelemetry.sdk.metrics.data.MetricData;
import io.opentelemetry.sdk.metrics.export.MetricExporter;
import java.net.ConnectException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.junit.jupiter.api.Test;

class BatchingExporterTest {

  private final Scripted delegate = new Scripted();
  private final BatchingExporter exporter =
      new BatchingExporter(delegate, "http://c:4317 (grpc)", 1_000, Long.MAX_VALUE);

  @Test
  void export_sendsOneRequestAtATime_untilAllAreAnswered() {
    CompletableResultCode result = exporter.export(List.of(TestMetrics.calls(2_500)));

    assertThat(delegate.requests).hasSize(1); // the second waits for the first's answer
    delegate.answer(0, CompletableResultCode::succeed);
    assertThat(delegate.requests).hasSize(2);
    delegate.answer(1, CompletableResultCode::succeed);
    delegate.answer(2, CompletableResultCode::succeed);

    assertThat(delegate.points).containsExactly(1_000, 1_000, 500);
    assertThat(result.isSuccess()).isTrue();
  }

  @Test
  void aRefusedRequest_costsOnlyItsPoints_theRestAreSent() {
    CompletableResultCode result = exporter.export(List.of(TestMetrics.calls(2_500)));
    delegate.answer(0, r -> r.failExceptionally(tooLarge()));
    delegate.answer(1, CompletableResultCode::succeed);
    delegate.answer(2, CompletableResultCode::succeed);

    assertThat(result.isSuccess()).isFalse();
    assertThat(result.getFailureThrowable())
        .hasMessage(
            "1000 of 2500 points not delivered (the Collector answered gRPC status RESOURCE_EXHAUSTED:"
                + " grpc: received message larger than max (5242880 vs. 4194304))");
  }

  @Test
  void aFailureBeforeAnyAnswer_skipsTheRestOfTheRound() {
    CompletableResultCode result = exporter.export(List.of(TestMetrics.calls(2_500)));
    delegate.answer(
        0,
        r ->
            r.failExceptionally(
                FailedExportException.grpcFailedExceptionally(
                    new ConnectException("Connection refused"))));

    assertThat(delegate.requests).hasSize(1);
    assertThat(result.getFailureThrowable())
        .hasMessage("2500 of 2500 points not delivered (ConnectException Connection refused)");
  }

  @Test
  void whileARoundIsInFlight_theNextIsSkipped_butTheFinalOneWaitsForIt() {
    exporter.export(List.of(TestMetrics.calls(10)));
    CompletableResultCode skipped = exporter.export(List.of(TestMetrics.calls(10)));
    assertThat(skipped.getFailureThrowable())
        .hasMessageContaining("previous export was still waiting");

    exporter.beginFinal();
    CompletableResultCode last = exporter.export(List.of(TestMetrics.calls(10)));
    assertThat(delegate.requests).hasSize(1);
    assertThat(exporter.finalProblem(false, 3_000))
        .isEqualTo(
            "the final export to http://c:4317 (grpc) did not start within 3000 ms"
                + " (perf.export.shutdown-timeout) (the export before it was still waiting for an"
                + " answer): 10 of 10 points not delivered");

    delegate.answer(0, CompletableResultCode::succeed);
    assertThat(delegate.requests).hasSize(2);
    delegate.answer(1, CompletableResultCode::succeed);
    assertThat(last.isSuccess()).isTrue();
    assertThat(exporter.finalProblem(true, 3_000)).isNull();
  }

  @Test
  void
      shutdown_whileTheFinalRoundWaitsForTheOneInFlight_closesTheExporterOnlyAfterBothAreAnswered() {
    exporter.export(List.of(TestMetrics.calls(10)));
    exporter.beginFinal();
    CompletableResultCode last = exporter.export(List.of(TestMetrics.calls(12)));

    CompletableResultCode shutdown = exporter.shutdown();
    assertThat(delegate.shutdowns).isZero();
    delegate.answer(0, CompletableResultCode::succeed);
    assertThat(delegate.shutdowns).isZero(); // the final round is now on its way
    delegate.answer(1, CompletableResultCode::succeed);

    assertThat(delegate.points).containsExactly(10, 12);
    assertThat(last.isSuccess()).isTrue();
    assertThat(delegate.shutdowns).isEqualTo(1);
    assertThat(shutdown.isSuccess()).isTrue();
    assertThat(exporter.finalProblem(true, 3_000)).isNull();
  }

  @Test
  void shutdown_withNothingInFlight_closesTheExporterAtOnce() {
    exporter.export(List.of(TestMetrics.calls(10)));
    delegate.answer(0, CompletableResultCode::succeed);

    assertThat(exporter.shutdown().isSuccess()).isTrue();
    assertThat(delegate.shutdowns).isEqualTo(1);
  }

  @Test
  void finalProblem_saysHowManyPointsTheUnfinishedOrFailedFinalRoundLost() {
    exporter.beginFinal();
    exporter.export(List.of(TestMetrics.calls(2_500)));
    delegate.answer(0, CompletableResultCode::succeed);
    assertThat(exporter.finalProblem(false, 1_000))
        .isEqualTo(
            "the final export to http://c:4317 (grpc) did not finish within 1000 ms"
                + " (perf.export.shutdown-timeout): 1500 of 2500 points not delivered");

    delegate.answer(1, r -> r.failExceptionally(tooLarge()));
    delegate.answer(2, CompletableResultCode::succeed);
    assertThat(exporter.finalProblem(true, 1_000))
        .startsWith(
            "the final export to http://c:4317 (grpc) failed: 1000 of 2500 points not delivered (the Collector answered gRPC status RESOURCE_EXHAUSTED");
  }

  @Test
  void finalProblem_withoutAFinalRound_dependsOnWhetherTheShutdownCompleted() {
    exporter.beginFinal();
    assertThat(exporter.finalProblem(true, 1_000)).isNull(); // nothing was left to send
    assertThat(exporter.finalProblem(false, 1_000))
        .isEqualTo(
            "the final export to http://c:4317 (grpc) did not start within 1000 ms"
                + " (perf.export.shutdown-timeout): the totals since the last export that succeeded"
                + " are not delivered");
  }

  private static Throwable tooLarge() {
    return FailedExportException.grpcFailedWithResponse(
        new GrpcResponse() {
          @Override
          public GrpcStatusCode getStatusCode() {
            return GrpcStatusCode.RESOURCE_EXHAUSTED;
          }

          @Override
          public String getStatusDescription() {
            return "grpc: received message larger than max (5242880 vs. 4194304)";
          }

          @Override
          public byte[] getResponseMessage() {
            return new byte[0];
          }
        });
  }

  /** Records each request; the test answers them. */
  private static final class Scripted implements MetricExporter {
    final List<CompletableResultCode> requests = new ArrayList<>();
    final List<Integer> points = new ArrayList<>();
    int shutdowns;

    @Override
    public CompletableResultCode export(Collection<MetricData> metrics) {
      CompletableResultCode r = new CompletableResultCode();
      requests.add(r);
      points.add(MetricBatches.points(metrics));
      return r;
    }

    void answer(int request, java.util.function.Consumer<CompletableResultCode> how) {
      how.accept(requests.get(request));
    }

    @Override
    public CompletableResultCode flush() {
      return CompletableResultCode.ofSuccess();
    }

    @Override
    public CompletableResultCode shutdown() {
      shutdowns++;
      return CompletableResultCode.ofSuccess();
    }

    @Override
    public AggregationTemporality getAggregationTemporality(InstrumentType instrumentType) {
      return AggregationTemporality.CUMULATIVE;
    }
  }
}
