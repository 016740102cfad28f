package io.perfagent.exporter;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class ConsoleMetricExporterTest {

  @Test
  void export_writesAHeaderAndOneSortedLinePerPoint_inOneWrite() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    ConsoleMetricExporter exporter =
        new ConsoleMetricExporter(new PrintStream(bytes, false, StandardCharsets.UTF_8));

    assertThat(exporter.export(List.of(TestMetrics.durations(1), TestMetrics.calls(2))).isSuccess())
        .isTrue();

    List<String> lines =
        bytes.toString(StandardCharsets.UTF_8).lines().collect(Collectors.toList());
    assertThat(lines).hasSize(4);
    assertThat(lines.get(0))
        .startsWith("[perf-agent] metrics at ")
        .endsWith(" (cumulative since start)");
    assertThat(lines.get(1))
        .startsWith("  perf.method.calls {code.function.name=m0}")
        .endsWith(" 3");
    assertThat(lines.get(2))
        .startsWith("  perf.method.calls {code.function.name=m1}")
        .endsWith(" 3");
    assertThat(lines.get(3))
        .startsWith("  perf.method.duration {code.function.name=m0}")
        .endsWith(" count=3 mean=166.667 ms total=500.000 ms");
  }

  @Test
  void export_ofNothing_printsNothing() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    ConsoleMetricExporter exporter =
        new ConsoleMetricExporter(new PrintStream(bytes, false, StandardCharsets.UTF_8));
    assertThat(exporter.export(List.of()).isSuccess()).isTrue();
    assertThat(exporter.shutdown().isSuccess()).isTrue();
    assertThat(bytes.size()).isZero();
  }

  @Test
  void seconds_choosesTheUnitWithOneToThreeIntegerDigits() {
    assertThat(ConsoleMetricExporter.seconds(2.5)).isEqualTo("2.500 s");
    assertThat(ConsoleMetricExporter.seconds(0.0125)).isEqualTo("12.500 ms");
    assertThat(ConsoleMetricExporter.seconds(0.000_004)).isEqualTo("4.000 µs");
    assertThat(ConsoleMetricExporter.seconds(0.000_000_25)).isEqualTo("250 ns");
  }
}
