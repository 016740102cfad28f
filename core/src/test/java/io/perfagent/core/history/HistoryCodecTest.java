package io.perfagent.core.history;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.perfagent.core.analyze.AnalysisSettings;
import io.perfagent.core.analyze.Analyzer;
import io.perfagent.core.analyze.CycleReport;
import io.perfagent.core.analyze.Indicator;
import io.perfagent.core.analyze.IndicatorValue;
import io.perfagent.core.analyze.Level;
import io.perfagent.core.analyze.MethodCycle;
import java.io.BufferedReader;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class HistoryCodecTest {

  private static final long START = 1_764_547_200_000L;

  @Test
  void aLine_readsBackAsTheSameCycle() {
    CycleReport report = reports(5).get(4);
    String line = HistoryCodec.line(report, "shop", "i-1");

    HistoryRecord back = HistoryCodec.parse(line);

    assertThat(line).doesNotContain("\n").startsWith("{\"timestamp\":" + report.epochMillis());
    assertThat(back.service()).isEqualTo("shop");
    assertThat(back.report().status()).isEqualTo(report.status());
    assertThat(back.report().methods()).hasSize(2);
    assertThat(back.report().methods().get(0).cycle().calls()).isEqualTo(300);
    assertThat(back.report().methods().get(0).cycle().p95Seconds()).isCloseTo(0.012, within(1e-8));
    assertThat(back.report().methods().get(0).baseline().median()).isCloseTo(0.012, within(1e-8));
    assertThat(back.report().methods().get(1).cycle().timed()).isFalse();
    assertThat(back.report().indicators())
        .singleElement()
        .satisfies(i -> assertThat(i.indicator()).isSameAs(Indicator.THREADS));
    assertThat(HistoryCodec.line(back.report(), "shop", "i-1")).isEqualTo(line);
  }

  @Test
  void read_skipsATruncatedLastLine_withOneWarningNamingIt() throws Exception {
    StringBuilder file = new StringBuilder();
    for (CycleReport r : reports(3)) {
      file.append(HistoryCodec.line(r, "shop", "i-1")).append('\n');
    }
    String torn = HistoryCodec.line(reports(4).get(3), "shop", "i-1");
    file.append(torn, 0, torn.length() / 2);

    List<HistoryRecord> records = new ArrayList<>();
    List<String> warnings = new ArrayList<>();
    int skipped =
        HistoryReader.read(
            new BufferedReader(new StringReader(file.toString())),
            "perfwatch.jsonl",
            records::add,
            warnings::add);

    assertThat(records).hasSize(3);
    assertThat(skipped).isEqualTo(1);
    assertThat(warnings).singleElement().asString().startsWith("perfwatch.jsonl line 4 skipped: ");
  }

  private static List<CycleReport> reports(int n) {
    Analyzer a = new Analyzer(AnalysisSettings.defaults());
    List<CycleReport> out = new ArrayList<>();
    for (int c = 0; c < n; c++) {
      out.add(
          a.judge(
              START + c * 60_000L,
              60,
              List.of(
                  MethodCycle.of(
                      "shop.Cart.add",
                      true,
                      300,
                      3,
                      60,
                      0.01,
                      0.001,
                      0.05,
                      0.004,
                      0.009,
                      0.011,
                      0.012,
                      0.02),
                  MethodCycle.of(
                      "shop.Cart.count",
                      false,
                      40,
                      0,
                      60,
                      Double.NaN,
                      Double.NaN,
                      Double.NaN,
                      Double.NaN,
                      Double.NaN,
                      Double.NaN,
                      Double.NaN,
                      Double.NaN)),
              List.of(new IndicatorValue(Indicator.THREADS, 21))));
    }
    assertThat(out.get(n - 1).status()).isIn(Level.NORMAL, Level.INSUFFICIENT_DATA);
    return out;
  }
}
