package io.perfagent.core.detect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class FindingTest {

  @Test
  void toJson_isOneLineWithEscapedTextAndWithoutUnknownValues() {
    Finding f =
        Finding.builder(FindingKind.STEP_CHANGE, "a\"b")
            .severity(Severity.WARNING)
            .timestamp(2000)
            .since(1000)
            .value(1.5)
            .evidence("line\nbreak")
            .build();
    assertThat(f.toJson())
        .isEqualTo(
            "{\"id\":\"step_change:a\\\"b:1000\",\"kind\":\"step_change\","
                + "\"series\":\"a\\\"b\",\"severity\":\"warning\",\"anomaly\":true,\"resolved\":false,"
                + "\"timestamp\":2000,\"since\":1000,\"value\":1.5,\"evidence\":\"line\\nbreak\"}");
  }

  @Test
  void build_withoutTimestamp_fails() {
    assertThatThrownBy(() -> Finding.builder(FindingKind.LEAK, "x").evidence("e").build())
        .hasMessage("timestamp is required");
  }
}
