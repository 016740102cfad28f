package io.perfagent.agent.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

class MethodPatternTest {

  @Test
  void doubleStar_spansAnyNumberOfPackages_andStarStaysWithinOneName() {
    MethodPattern p = MethodPattern.parse("com.shop.**.*Service#*");
    assertThat(p.kind()).isEqualTo(MethodPattern.Kind.INCLUDE);
    assertThat(p.isExactClass()).isFalse();
    assertThat(p.matchesClass("com.shop.OrderService")).isTrue();
    assertThat(p.matchesClass("com.shop.a.b.OrderService")).isTrue();
    assertThat(p.matchesClass("com.shop.a.OrderServiceImpl")).isFalse();
    assertThat(p.matchesClass("com.shopping.OrderService")).isFalse();
    assertThat(p.matchesClass("org.com.shop.OrderService")).isFalse();
    assertThat(p.matchesInternalName("com/shop/a/OrderService")).isTrue();
  }

  @Test
  void methodGlobs_matchPrefixesSuffixesAndSingleCharacters() {
    MethodPattern p = MethodPattern.parse("a.B#get*");
    assertThat(p.matchesMethod("get")).isTrue();
    assertThat(p.matchesMethod("getOrder")).isTrue();
    assertThat(p.matchesMethod("forget")).isFalse();
    MethodPattern q = MethodPattern.parse("a.B#*Order?");
    assertThat(q.matchesMethod("placeOrders")).isTrue();
    assertThat(q.matchesMethod("placeOrder")).isFalse();
  }

  @Test
  void starInAClassName_matchesNestedClassesToo_butNotAcrossPackages() {
    MethodPattern p = MethodPattern.parse("a.Outer*#run");
    assertThat(p.matchesClass("a.Outer$Inner")).isTrue();
    assertThat(p.matchesClass("a.b.Outer")).isFalse();
  }

  @Test
  void excludeAndAnnotationForms_takeTheClassPartAlone() {
    MethodPattern exclude = MethodPattern.parse("!com.shop.internal.**");
    assertThat(exclude.kind()).isEqualTo(MethodPattern.Kind.EXCLUDE);
    assertThat(exclude.matchesClass("com.shop.internal.x.Y")).isTrue();
    assertThat(exclude.matchesMethod("anything")).isTrue();
    MethodPattern annotation = MethodPattern.parse("@org.springframework.stereotype.Service");
    assertThat(annotation.kind()).isEqualTo(MethodPattern.Kind.ANNOTATION);
    assertThat(annotation.className()).isEqualTo("org.springframework.stereotype.Service");
    assertThat(annotation).hasToString("@org.springframework.stereotype.Service#*");
  }

  @Test
  void badPatterns_sayWhatIsExpected() {
    for (String bad :
        List.of("a.B.x", "a.B#", "#x", "a..B#x", "a.B#x#y", "a.**B#x", "@a.*#x", "1a.B#x")) {
      assertThatThrownBy(() -> MethodPattern.parse(bad))
          .as(bad)
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("expected pkg.Class#method")
          .hasMessageContaining("'" + bad + "'");
    }
  }

  @Test
  void parseAll_keepsTheGoodPatterns_andNamesEachBadOne() {
    List<String> problems = new ArrayList<>();
    List<MethodPattern> patterns = MethodPattern.parseAll("a.B#x; bad ;c.D#*,e.F#", problems);
    assertThat(patterns).extracting(MethodPattern::toString).containsExactly("a.B#x", "c.D#*");
    assertThat(problems).hasSize(2);
    assertThat(problems.get(0)).contains("'bad'");
    assertThat(problems.get(1)).contains("'e.F#'");
  }

  @Test
  void badPatternInConfiguration_costsOnlyItself() {
    ConfigLoader.Result r =
        ConfigLoader.load(
            "perf.instrument.methods=a.B#x;a.B#", Collections.emptyMap(), Collections.emptyMap());
    assertThat(r.config().methods()).extracting(MethodPattern::toString).containsExactly("a.B#x");
    assertThat(r.problems())
        .singleElement()
        .asString()
        .contains("perf.instrument.methods", "'a.B#'", "the others apply");
  }
}
