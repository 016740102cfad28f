package io.perfagent.benchmarks.load;

import java.util.Locale;

/**
 * What a thread of the load application does, from its name ({@code /proc/<pid>/task/<tid>/comm},
 * the first 15 characters of the Java name): so that an agent's CPU per request can be split into
 * what runs on the request threads (the woven code), the JIT, the garbage collector, the agent's
 * own threads and the rest.
 */
enum ThreadKind {
  REQUEST("request threads"),
  JIT("JIT compiler"),
  GC("garbage collector"),
  AGENT("perf-agent threads"),
  OTHER("other threads");

  private final String label;

  ThreadKind(String label) {
    this.label = label;
  }

  String label() {
    return label;
  }

  static ThreadKind of(String threadName) {
    if (threadName.startsWith("pool-")) {
      return REQUEST; // the application's Executors.newFixedThreadPool
    }
    if (threadName.startsWith("C1 CompilerThre") || threadName.startsWith("C2 CompilerThre")) {
      return JIT;
    }
    String lower = threadName.toLowerCase(Locale.ROOT);
    if (lower.startsWith("g1 ") || lower.startsWith("gc thread") || lower.startsWith("vm thread")) {
      return GC; // the VM thread runs the safepoint operations, GC pauses among them
    }
    if (threadName.startsWith("perf-agent")) {
      return AGENT;
    }
    return OTHER;
  }
}
