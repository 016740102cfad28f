package io.perfagent.agent.config;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import org.jspecify.annotations.Nullable;

/**
 * Resolves {@link AgentConfig} from its sources, highest priority first: agent arguments ({@code
 * -javaagent:perf-agent.jar=key=value,...}), system properties, environment variables ({@code
 * PERF_*}, {@code OTEL_*}), and the file named by {@code perf.config.file}.
 *
 * <p>Nothing here throws for bad input: every unknown key and bad value becomes one problem line
 * naming the key, where it came from and what is expected, and that key keeps its default.
 */
public final class ConfigLoader {

  /** A resolved configuration and the problems met on the way. */
  public static final class Result {
    private final AgentConfig config;
    private final List<String> problems;

    Result(AgentConfig config, List<String> problems) {
      this.config = config;
      this.problems = Collections.unmodifiableList(problems);
    }

    public AgentConfig config() {
      return config;
    }

    /** One self-contained line per problem, in the order met. */
    public List<String> problems() {
      return problems;
    }
  }

  /** A setting and where it came from, for messages. */
  private static final class Setting {
    final String value;
    final String origin;

    Setting(String value, String origin) {
      this.value = value;
      this.origin = origin;
    }
  }

  /** The prefix of the {@code otel.*} keys meant for perf-agent only. */
  static final String PERF_OTEL = "perf.otel.";

  private final List<String> problems = new ArrayList<>();
  private final Map<String, Setting> merged = new LinkedHashMap<>();

  private ConfigLoader() {}

  /** Resolves the configuration from the given agent arguments, system properties and env. */
  public static Result load(
      String agentArgs, Map<String, String> sysProps, Map<String, String> env) {
    ConfigLoader loader = new ConfigLoader();
    Map<String, Setting> args = loader.fromAgentArgs(agentArgs);
    Map<String, Setting> props = loader.fromSystemProperties(sysProps);
    Map<String, Setting> environment = loader.fromEnvironment(env);
    Setting file = firstOf(ConfigKeys.CONFIG_FILE.name(), args, props, environment);
    if (file != null && !file.value.trim().isEmpty()) {
      loader.merged.putAll(loader.fromFile(Paths.get(file.value.trim())));
    }
    loader.merged.putAll(environment);
    loader.merged.putAll(props);
    loader.merged.putAll(args);
    return loader.resolve();
  }

  /** Loads from this JVM's agent arguments, system properties and environment. */
  public static Result loadFromProcess(String agentArgs) {
    Map<String, String> props = new HashMap<>();
    for (String name : System.getProperties().stringPropertyNames()) {
      if (name.startsWith("perf.") || name.startsWith("otel.")) {
        props.put(name, System.getProperty(name));
      }
    }
    return load(agentArgs, props, System.getenv());
  }

  private static @Nullable Setting firstOf(String key, Map<String, Setting>... sources) {
    for (Map<String, Setting> source : sources) {
      if (source.containsKey(key)) {
        return source.get(key);
      }
    }
    return null;
  }

  private Result resolve() {
    Map<ConfigKey<?>, Object> values = new HashMap<>();
    for (ConfigKey<?> key : ConfigKeys.ALL) {
      Setting s = merged.get(key.name());
      Object value = key.defaultValue();
      if (s != null && key == ConfigKeys.METHODS) {
        value = lenientPatterns(s); // a bad pattern costs only itself
      } else if (s != null) {
        try {
          value = key.parse(s.value);
        } catch (IllegalArgumentException e) {
          problems.add(
              badValue(
                  key.name(),
                  s,
                  String.valueOf(e.getMessage()),
                  "using the default '" + key.defaultText() + "'"));
        }
      }
      values.put(key, value);
    }
    return new Result(new AgentConfig(values, resolveOtel()), problems);
  }

  private List<MethodPattern> lenientPatterns(Setting s) {
    List<String> bad = new ArrayList<>();
    List<MethodPattern> patterns = MethodPattern.parseAll(s.value, bad);
    for (String expected : bad) {
      problems.add(
          badValue(
              ConfigKeys.METHODS.name(), s, expected, "ignoring that pattern; the others apply"));
    }
    return patterns;
  }

  /**
   * The {@code otel.*} settings for the agent's SDK: {@code perf.otel.X} wins over {@code otel.X}
   * (so that the OpenTelemetry agent in the same JVM can be configured apart), and a bad value is
   * replaced by what the SDK would have used without it — the SDK reads the environment and system
   * properties itself, so dropping the key would leave it the bad value.
   */
  private Map<String, String> resolveOtel() {
    Map<String, List<String>> names = new LinkedHashMap<>(); // otel key -> names set, first wins
    for (String key : OtelKeys.FIRST) {
      names.put(key, new ArrayList<>());
    }
    // No lambdas here: this runs in premain, where the first one would cost the application's
    // main thread the bootstrap of java.lang.invoke.
    for (String name : merged.keySet()) {
      boolean perf = name.startsWith(PERF_OTEL);
      if (!perf && !name.startsWith("otel.")) {
        continue;
      }
      String key = perf ? name.substring("perf.".length()) : name;
      List<String> list = names.get(key);
      if (list == null) {
        list = new ArrayList<>();
        names.put(key, list);
      }
      list.add(perf ? 0 : list.size(), name);
    }
    Map<String, String> otel = new LinkedHashMap<>();
    for (Map.Entry<String, List<String>> e : names.entrySet()) {
      String key = e.getKey();
      List<String> bad = new ArrayList<>();
      List<String> expected = new ArrayList<>();
      for (String name : e.getValue()) {
        Setting s = Objects.requireNonNull(merged.get(name), name); // names come from merged
        try {
          OtelKeys.validate(key, s.value, otel);
          otel.put(key, OtelKeys.normalized(key, s.value));
          break;
        } catch (IllegalArgumentException invalid) {
          bad.add(name);
          expected.add(invalid.getMessage());
        }
      }
      String consequence;
      if (otel.containsKey(key)) {
        consequence = "using " + chosenName(e.getValue(), bad) + " instead";
      } else {
        String replacement = OtelKeys.replacement(key, otel);
        if (replacement != null && !bad.isEmpty()) {
          otel.put(key, replacement); // overrides the bad value the SDK would read itself
        }
        consequence =
            replacement == null || replacement.isEmpty()
                ? "ignoring it"
                : "using the default '" + replacement + "'";
      }
      for (int i = 0; i < bad.size(); i++) {
        problems.add(
            badValue(
                bad.get(i),
                Objects.requireNonNull(merged.get(bad.get(i))),
                expected.get(i),
                consequence));
      }
    }
    return otel;
  }

  private static String chosenName(List<String> names, List<String> bad) {
    for (String name : names) {
      if (!bad.contains(name)) {
        return name;
      }
    }
    return names.get(names.size() - 1);
  }

  private static String badValue(String key, Setting s, String expected, String consequence) {
    return "bad value for "
        + key
        + " ("
        + s.origin
        + "): "
        + (OtelKeys.secret(key) ? "(value not shown: it may hold a secret)" : "'" + s.value + "'")
        + ": "
        + expected
        + "; "
        + consequence;
  }

  /**
   * Parses {@code key=value,key=value}. A part without {@code =} continues the previous value, so
   * lists keep their commas: {@code perf.instrument.methods=a.B#x,a.B#y}.
   */
  private Map<String, Setting> fromAgentArgs(String agentArgs) {
    Map<String, Setting> out = new LinkedHashMap<>();
    if (agentArgs == null || agentArgs.trim().isEmpty()) {
      return out;
    }
    String lastKey = null;
    for (String part : agentArgs.split(",")) {
      int eq = part.indexOf('=');
      if (eq < 0) {
        if (lastKey != null) {
          Setting prev = Objects.requireNonNull(out.get(lastKey), lastKey);
          out.put(lastKey, new Setting(prev.value + "," + part, prev.origin));
        } else if (!part.trim().isEmpty()) {
          problems.add("agent argument '" + part.trim() + "' is not key=value; ignoring it");
        }
        continue;
      }
      String key = part.substring(0, eq).trim();
      if (acceptKey(key, "agent argument")) {
        out.put(key, new Setting(part.substring(eq + 1), "agent argument"));
        lastKey = key;
      } else {
        lastKey = null;
      }
    }
    return out;
  }

  private Map<String, Setting> fromSystemProperties(Map<String, String> props) {
    Map<String, Setting> out = new LinkedHashMap<>();
    for (Map.Entry<String, String> e : props.entrySet()) {
      String key = e.getKey();
      if ((key.startsWith("perf.") || key.startsWith("otel."))
          && acceptKey(key, "system property")) {
        out.put(key, new Setting(e.getValue(), "system property -D" + key));
      }
    }
    return out;
  }

  private Map<String, Setting> fromEnvironment(Map<String, String> env) {
    Map<String, Setting> out = new LinkedHashMap<>();
    for (Map.Entry<String, String> e : env.entrySet()) {
      String name = e.getKey();
      if (name.startsWith("OTEL_")) {
        String key = name.toLowerCase(Locale.ROOT).replace('_', '.');
        out.put(key, new Setting(e.getValue(), "environment variable " + name));
      } else if (name.startsWith("PERF_OTEL_")) {
        String key =
            "perf." + name.substring("PERF_".length()).toLowerCase(Locale.ROOT).replace('_', '.');
        out.put(key, new Setting(e.getValue(), "environment variable " + name));
      } else if (name.startsWith("PERF_")) {
        ConfigKey<?> key = ConfigKeys.byEnvName(name);
        if (key == null) {
          problems.add(
              "unknown environment variable "
                  + name
                  + "; known: "
                  + ConfigKeys.envNames()
                  + "; ignoring it");
        } else {
          out.put(key.name(), new Setting(e.getValue(), "environment variable " + name));
        }
      }
    }
    return out;
  }

  private Map<String, Setting> fromFile(Path file) {
    Map<String, Setting> out = new LinkedHashMap<>();
    Properties p = new Properties();
    try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      p.load(r);
    } catch (IOException | IllegalArgumentException e) {
      problems.add(
          "cannot read config file "
              + file.toAbsolutePath()
              + " (perf.config.file): "
              + e
              + "; expected a readable properties file; ignoring it");
      return out;
    }
    String origin = "file " + file;
    for (String key : p.stringPropertyNames()) {
      if (acceptKey(key, origin)) {
        out.put(key, new Setting(p.getProperty(key), origin));
      }
    }
    return out;
  }

  private boolean acceptKey(String key, String origin) {
    if (key.startsWith("otel.") || key.startsWith(PERF_OTEL) || ConfigKeys.byName(key) != null) {
      return true;
    }
    problems.add(
        "unknown key '"
            + key
            + "' ("
            + origin
            + "); known keys: "
            + ConfigKeys.names()
            + ", otel.*, perf.otel.*; ignoring it");
    return false;
  }
}
