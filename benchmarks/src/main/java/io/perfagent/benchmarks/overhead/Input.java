package io.perfagent.benchmarks.overhead;

import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

/** The body's argument: a non-final field of per-thread state, so the JIT cannot fold the body. */
@State(Scope.Thread)
public class Input {
  long value = 0x1234_5678_9ABCL;
}
