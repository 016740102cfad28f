package io.perfagent.agent.instrument;

import io.perfagent.agent.record.MethodRegistry;
import io.perfagent.core.model.MethodSeries;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The calls a test made itself, read from a registry that a whole test class shares (one agent
 * install): {@link #remember} the counts before the test, then read the differences.
 */
final class CallCounts {

  private final MethodRegistry registry;
  private final Map<String, Long> atStart = new HashMap<>();

  CallCounts(MethodRegistry registry) {
    this.registry = registry;
  }

  /** Takes the counts so far as the zero of this test. */
  void remember() {
    atStart.clear();
    for (MethodSeries s : registry.collect()) {
      atStart.put(s.functionName() + "|" + s.errorType(), s.calls());
    }
  }

  /** Successful calls of {@code function} since {@link #remember}. */
  long calls(String function) {
    return errors(function, null);
  }

  /**
   * Calls of {@code function} that threw {@code type} ({@code null}: none) since {@link #remember}.
   */
  long errors(String function, @Nullable String type) {
    MethodSeries s = find(function, type);
    return (s == null ? 0 : s.calls()) - atStart.getOrDefault(function + "|" + type, 0L);
  }

  /** The series of {@code function} with that outcome, or {@code null}. */
  @Nullable MethodSeries find(String function, @Nullable String type) {
    return registry.collect().stream()
        .filter(s -> s.functionName().equals(function) && Objects.equals(s.errorType(), type))
        .findFirst()
        .orElse(null);
  }
}
