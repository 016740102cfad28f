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
    String text = new JsonWriter().beginObject()
        .name("s", "a \"quoted\"\n\\ line\u0001")
        .name("n", 42)
        .name("d", 0.000123456789)
        .name("nan", Double.NaN)
        .name("b", true)
        .name("a").beginArray().value(1).value("x").beginObject().endObject().endArray()
        .endObject().toString();

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
    assertThatThrownBy(() -> Json.parse("{\"a\":1,}")).hasMessage("expected a member name at character 8");
    assertThatThrownBy(() -> Json.parse("{\"a\":1")).hasMessageContaining("unexpected end of text");
    assertThatThrownBy(() -> Json.parse("[1] x")).hasMessageContaining("unexpected text after the value");
    assertThatThrownBy(() -> Json.parse("[".repeat(100))).hasMessageContaining("nested deeper than 64");
    assertThatThrownBy(() -> Json.parse("\"a\tb\"")).hasMessageContaining("control character");
  }
}
