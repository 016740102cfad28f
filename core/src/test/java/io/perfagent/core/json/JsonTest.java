package io.perfagent.core.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonTest {

  @Test
  @SuppressWarnings("unchecked")
  void writtenJson_parsesBackToTheSameValues() {
    String text =
        new JsonWriter()
            .beginObject()
            .name("s", "a \"quoted\"\n\\ line\u0001")
            .name("n", 42)
            .name("d", 0.000123456789)
            .name("nan", Double.NaN)
            .name("b", true)
            .name("a")
            .beginArray()
            .value(1)
            .value("x")
            .beginObject()
            .endObject()
            .endArray()
            .endObject()
            .toString();

    Map<String, Object> o = Json.parseObject(text);
    assertThat(o.get("s")).isEqualTo("a \"quoted\"\n\\ line\u0001");
    assertThat(o.get("n")).isEqualTo(42L);
    assertThat((Double) o.get("d")).isEqualTo(0.000123457);
    assertThat(o.get("nan")).isNull();
    assertThat(o.get("b")).isEqualTo(true);
    assertThat((List<Object>) o.get("a")).containsExactly(1L, "x", Map.of());
    assertThat(text).contains("\"d\":0.000123457");
  }

  @Test
  void badJson_isRejectedWithItsPosition() {
    assertThatThrownBy(() -> Json.parse("{\"a\":1,}"))
        .hasMessage("expected a member name at character 8");
    assertThatThrownBy(() -> Json.parse("{\"a\":1")).hasMessageContaining("unexpected end of text");
    assertThatThrownBy(() -> Json.parse("[1] x"))
        .hasMessageContaining("unexpected text after the value");
    assertThatThrownBy(() -> Json.parse("[".repeat(100)))
        .hasMessageContaining("nested deeper than 64");
    assertThatThrownBy(() -> Json.parse("\"a\tb\"")).hasMessageContaining("control character");
  }

  @Test
  void numbers_areWrittenWithSixSignificantDigits() {
    assertThat(number(464.97312)).isEqualTo("464.973");
    assertThat(number(0.000123456789)).isEqualTo("0.000123457");
    assertThat(number(2.7772e-5)).isEqualTo("0.000027772");
    assertThat(number(-1234.5)).isEqualTo("-1234.5");
    assertThat(number(1.5e-8)).isEqualTo("1.5e-8");
    assertThat(number(0.001)).isEqualTo("0.001");
    assertThat(number(999999.7)).isEqualTo("1000000");
    assertThat(number(1e20)).isEqualTo("1e20");
    assertThat(number(42)).isEqualTo("42");
    for (double v : new double[] {0.1, 0.3333333, 1.0 / 7, 123.456e-3, 9.999995}) {
      assertThat(Double.parseDouble(number(v)))
          .isCloseTo(v, org.assertj.core.data.Percentage.withPercentage(1e-4));
    }
  }

  @Test
  void numbers_keepZerosInsideTheFraction_andRoundLikeBigDecimal() {
    assertThat(number(12.0005)).isEqualTo("12.0005");
    assertThat(number(100.05)).isEqualTo("100.05");
    assertThat(number(1.000001)).isEqualTo("1");
    assertThat(number(3.000004e-3)).isEqualTo("0.003");
    java.util.Random random = new java.util.Random(7);
    for (int i = 0; i < 100_000; i++) {
      double v = Math.pow(10, random.nextDouble() * 24 - 9) * (random.nextBoolean() ? 1 : -1);
      java.math.BigDecimal expected =
          new java.math.BigDecimal(v)
              .round(new java.math.MathContext(6, java.math.RoundingMode.HALF_EVEN));
      java.math.BigDecimal written = new java.math.BigDecimal(number(v));
      // Math.round rounds half up where BigDecimal's nearest-even may not: one unit in the sixth
      // digit at most, and only on exact ties.
      assertThat(written.subtract(expected).abs())
          .as("%s written as %s", v, number(v))
          .isLessThanOrEqualTo(expected.ulp());
    }
  }

  private static String number(double v) {
    return new JsonWriter().value(v).toString();
  }
}
