package io.perfagent.agent.cli;

import io.perfagent.agent.endpoint.Registration;
import io.perfagent.core.json.JsonWriter;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** {@code list}: the JVMs on this host running perf-agent, from their registration files. */
final class ListCommand implements Commands.Command {

  @Override
  public int run(CliArgs args, PrintStream out, PrintStream err) {
    List<Path> roots = Target.roots(args);
    List<Registration> running = Target.running(roots);
    String token =
        args.value("--token") != null
            ? args.value("--token")
            : System.getenv("PERF_ENDPOINT_TOKEN");
    long now = System.currentTimeMillis();
    List<String[]> rows = new ArrayList<>();
    rows.add(new String[] {"PID", "SERVICE", "PORT", "UPTIME", "STATUS", "VERSION"});
    JsonWriter w = new JsonWriter().beginArray();
    for (Registration r : running) {
      String status;
      try {
        // One quick try each: a listing must not hang on one stuck JVM.
        Map<String, Object> h =
            Documents.object(
                new AgentClient(r.url(), token, "pid " + r.pid, 500, 1_000).once("/health"));
        status = Documents.text(h, "status");
      } catch (Exception unreachable) {
        status = "unreachable";
      }
      rows.add(
          new String[] {
            String.valueOf(r.pid),
            r.service,
            String.valueOf(r.port),
            Documents.age(now - r.startEpochMillis),
            status,
            r.version
          });
      w.beginObject()
          .name("pid", r.pid)
          .name("service", r.service)
          .name("port", r.port)
          .name("url", r.url())
          .name("start_time", r.startEpochMillis)
          .name("status", status)
          .name("version", r.version)
          .name("state_dir", String.valueOf(r.file.getParent()))
          .endObject();
    }
    if (args.flag("--json")) {
      out.println(w.endArray().toString());
      return 0;
    }
    if (running.isEmpty()) {
      out.println("no running perf-agent found (looked in " + roots + ")");
      return 0;
    }
    out.print(Layout.plain(Layout.table(rows, null), new Style(false)));
    return 0;
  }
}
