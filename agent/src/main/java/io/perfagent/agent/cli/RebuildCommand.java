package io.perfagent.agent.cli;

import io.perfagent.agent.analyze.BaselineFile;
import io.perfagent.agent.config.AgentConfig;
import io.perfagent.agent.config.ConfigLoader;
import io.perfagent.core.analyze.AnalysisSettings;
import io.perfagent.core.analyze.Analyzer;
import io.perfagent.core.analyze.BaselineCodec;
import io.perfagent.core.analyze.BaselineView;
import io.perfagent.core.analyze.LevelRules;
import io.perfagent.core.format.Units;
import io.perfagent.core.history.HistoryRecord;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * {@code rebuild}: recomputes {@code perfbaseline.json} from the history files, prints what changes
 * (series by series, old median → new), then replaces the file atomically. A running agent would
 * overwrite the result with its in-memory baseline at its next save, so the command refuses while
 * one runs on that directory (unless {@code --force}); {@code --dry-run} only shows.
 */
final class RebuildCommand implements Commands.Command {

  @Override
  public int run(CliArgs args, PrintStream out, PrintStream err)
      throws CliArgs.UsageException, Target.NotFound, IOException {
    Target t = Target.find(args, true);
    boolean dryRun = args.flag("--dry-run");
    if (t.live() && !dryRun && !args.flag("--force")) {
      throw new Target.NotFound(
          "pid "
              + Objects.requireNonNull(t.registration).pid
              + " is running on "
              + t.stateDir
              + " and would overwrite a rebuilt baseline at its next save; stop it first, or see the "
              + "changes with --dry-run");
    }
    Path dir = t.dir();
    AgentConfig config = ConfigLoader.loadFromProcess("").config();
    int windowHours = (int) Math.max(1, config.baselineWindowMillis() / 3_600_000);
    long now = System.currentTimeMillis();

    Analyzer before = analyzer(config, windowHours);
    String service = null;
    Path file = dir.resolve(BaselineFile.NAME);
    try {
      BaselineCodec.Loaded loaded =
          BaselineCodec.read(new String(Files.readAllBytes(file), StandardCharsets.UTF_8));
      before.restore(loaded.states());
      service = loaded.service();
    } catch (NoSuchFileException absent) {
      out.println("no " + BaselineFile.NAME + " in " + dir + " yet");
    } catch (IllegalArgumentException | ArithmeticException damaged) {
      out.println(file + " is damaged (" + damaged.getMessage() + "); it will be replaced");
    }
    if (service == null) {
      HistoryRecord last = t.lastRecord(new ArrayList<>());
      service = last != null ? last.service() : dir.getFileName().toString();
    }
    Analyzer after = analyzer(config, windowHours);
    List<String> warnings = new ArrayList<>();
    int cycles = BaselineFile.rebuildFromHistory(after, dir, service, warnings::add);
    for (String w : warnings) {
      err.println("perf-agent rebuild: " + w);
    }
    out.println("rebuilt from " + cycles + " cycles of service " + service + " in " + dir + ":");
    Set<String> keys = new LinkedHashSet<>(before.baselineStates().keySet());
    keys.addAll(after.baselineStates().keySet());
    int changed = 0;
    for (String key : keys) {
      BaselineView a = before.expected(key, now);
      BaselineView b = after.expected(key, now);
      if (same(a.median(), b.median()) && a.samples() == b.samples()) {
        continue;
      }
      changed++;
      out.println("  " + key + ": " + show(key, a) + " → " + show(key, b));
    }
    if (changed == 0) {
      out.println("  no series changes");
    }
    if (dryRun) {
      out.println("dry run: " + file + " is unchanged");
      return 0;
    }
    if (!BaselineFile.save(after, dir, service, windowHours, now)) {
      err.println("perf-agent rebuild: could not write " + file);
      return 1;
    }
    out.println("wrote " + file + " (" + after.baselineStates().size() + " series)");
    return 0;
  }

  private static boolean same(double a, double b) {
    return (Double.isNaN(a) && Double.isNaN(b)) || a == b;
  }

  private static String show(String key, BaselineView v) {
    if (v.samples() == 0 || Double.isNaN(v.median())) {
      return "none";
    }
    String median =
        key.startsWith(Analyzer.METHOD_PREFIX)
            ? Units.seconds(v.median())
            : Units.number(v.median());
    return median
        + " ("
        + v.samples()
        + " "
        + v.source().name().toLowerCase(java.util.Locale.ROOT)
        + ")";
  }

  /** An analyzer with the agent's settings, as AnalysisComponent builds it. */
  static Analyzer analyzer(AgentConfig config, int windowHours) {
    double[] th = config.levelThresholds();
    LevelRules rules =
        LevelRules.builder()
            .thresholds(th[0], th[1], th[2])
            .minCalls(config.levelMinCalls())
            .methodFloorSeconds(config.levelMinDeltaNanos() / 1e9)
            .build();
    int offset =
        ZoneId.systemDefault().getRules().getOffset(java.time.Instant.now()).getTotalSeconds();
    return new Analyzer(AnalysisSettings.create(rules, windowHours, offset, 1_000_000));
  }
}
