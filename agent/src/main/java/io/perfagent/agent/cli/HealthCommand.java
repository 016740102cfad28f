package io.perfagent.agent.cli;

import io.perfagent.core.format.Units;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * {@code health [--watch]}: the agent's health view. With {@code --watch} it refreshes every second
 * — in place, on the terminal's alternate screen, in colour, when stdout is a terminal; as
 * successive plain blocks otherwise — until {@code q} or Ctrl-C, and then restores the terminal as
 * it was.
 */
final class HealthCommand implements Commands.Command {

  private final InputStream keys;

  HealthCommand(InputStream keys) {
    this.keys = keys;
  }

  @Override
  public int run(CliArgs args, PrintStream out, PrintStream err)
      throws CliArgs.UsageException, Target.NotFound, AgentClient.AgentException, IOException {
    Target t = Target.find(args, false);
    Style style = Style.detect(System.getenv());
    if (!args.flag("--watch")) {
      String json = t.liveClient().get("/health");
      out.print(args.flag("--json") ? json : render(Documents.object(json), style));
      return 0;
    }
    return watch(t, args.flag("--json"), style, out);
  }

  private int watch(Target t, boolean json, Style style, PrintStream out) throws IOException {
    boolean tty = System.console() != null;
    Terminal terminal = tty ? Terminal.raw() : null;
    Thread restore =
        new Thread(
            () -> {
              if (terminal != null) {
                terminal.restore(out);
              }
            },
            "perf-agent-cli-restore");
    Runtime.getRuntime().addShutdownHook(restore);
    try {
      if (terminal != null) {
        out.print("\u001b[?1049h\u001b[?25l"); // alternate screen, cursor hidden
      }
      while (true) {
        String view;
        try {
          String body = t.liveClient().get("/health");
          view = json ? body : render(Documents.object(body), style);
        } catch (AgentClient.AgentException e) {
          view = e.getMessage() + "\n";
        }
        if (terminal != null) {
          out.print("\u001b[H\u001b[2J" + view.replace("\n", "\r\n") + "\r\n(q or Ctrl-C quits)");
        } else {
          out.print(view + "\n");
        }
        out.flush();
        if (waitForQuit(1_000)) {
          return 0;
        }
      }
    } finally {
      if (terminal != null) {
        terminal.restore(out);
      }
      try {
        Runtime.getRuntime().removeShutdownHook(restore);
      } catch (IllegalStateException shuttingDown) {
        // the hook runs anyway
      }
    }
  }

  /**
   * Waits up to {@code millis} for a {@code q} on the keyboard; true if it came (or input ended).
   */
  private boolean waitForQuit(long millis) throws IOException {
    long end = System.nanoTime() + millis * 1_000_000;
    while (System.nanoTime() < end) {
      while (keys.available() > 0) {
        int c = keys.read();
        if (c < 0 || c == 'q' || c == 'Q' || c == 3) {
          return true;
        }
      }
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return true;
      }
    }
    return false;
  }

  static String render(Map<String, Object> h, Style style) {
    String status = Documents.text(h, "status");
    List<String> lines = new ArrayList<>();
    lines.add(
        style.bold(
                "perf-agent health · "
                    + Documents.text(h, "service")
                    + " (pid "
                    + Documents.text(h, "pid")
                    + ")")
            + "   status "
            + style.level(status, status));
    Map<String, Object> l = sub(h, "latency_ms");
    lines.add(
        String.format(
            "latency     avg %s  p95 %s  p99 %s  (%s calls in the last cycle)",
            Documents.ms(l, "avg"),
            Documents.ms(l, "p95"),
            Documents.ms(l, "p99"),
            Documents.text(l, "calls")));
    Map<String, Object> m = sub(h, "memory_mb");
    lines.add(
        String.format(
            "memory      RSS %s  peak %s  virtual %s  limit %s",
            mb(m, "current"), mb(m, "peak"), mb(m, "virtual"), mb(m, "limit")));
    lines.add(
        String.format(
            "cpu         %s   threads %s   uptime %s",
            Units.percent(Documents.number(h, "cpu_percent") / 100),
            Documents.text(h, "threads"),
            Documents.age((long) (Documents.number(h, "uptime_sec") * 1000))));
    Map<String, Object> queues = sub(h, "queues");
    if (!queues.isEmpty()) {
      StringBuilder q = new StringBuilder("queues     ");
      for (Map.Entry<String, Object> e : queues.entrySet()) {
        q.append(' ')
            .append(e.getKey())
            .append(' ')
            .append(Units.number(Documents.number(sub(queues, e.getKey()), "depth")));
      }
      lines.add(q.toString());
    }
    for (Map.Entry<String, Object> e : sub(h, "subsystems").entrySet()) {
      String state = String.valueOf(e.getValue());
      String level =
          state.startsWith("active") ? "Normal" : state.startsWith("off:") ? "Critical" : null;
      lines.add(String.format("%-11s %s", e.getKey(), style.level(level, state)));
    }
    return String.join("\n", lines) + "\n";
  }

  private static String mb(Map<String, Object> o, String key) {
    double v = Documents.number(o, key);
    return Double.isNaN(v) ? "-" : Units.bytes(v * 1024 * 1024);
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> sub(Map<String, Object> o, String key) {
    Object v = o.get(key);
    return v instanceof Map ? (Map<String, Object>) v : java.util.Collections.emptyMap();
  }

  /** The controlling terminal in raw mode (no line buffering, no echo), restorable once. */
  static final class Terminal {
    private final @Nullable String saved;
    private boolean restored;

    private Terminal(@Nullable String saved) {
      this.saved = saved;
    }

    static Terminal raw() {
      String saved = stty("-g");
      stty("-icanon -echo min 1");
      return new Terminal(saved == null ? null : saved.trim());
    }

    synchronized void restore(PrintStream out) {
      if (restored) {
        return;
      }
      restored = true;
      out.print("\u001b[?25h\u001b[?1049l"); // cursor back, main screen back
      out.flush();
      if (saved != null && !saved.isEmpty()) {
        stty(saved);
      } else {
        stty("sane");
      }
    }

    private static @Nullable String stty(String arguments) {
      try {
        Process p =
            new ProcessBuilder("sh", "-c", "stty " + arguments + " < /dev/tty")
                .redirectErrorStream(true)
                .start();
        String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        return p.waitFor() == 0 ? text : null;
      } catch (IOException e) {
        return null;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return null;
      }
    }
  }
}
