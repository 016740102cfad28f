package io.perfagent.agent.cli;

import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/** A command's options: {@code --name value} or {@code --name=value}, and boolean flags. */
final class CliArgs {

  /** Bad usage: the message says what was expected; the exit code is 2. */
  static final class UsageException extends Exception {
    private static final long serialVersionUID = 1L;

    UsageException(String message) {
      super(message);
    }
  }

  /** Options every command that finds an agent takes. */
  static final List<String> FIND =
      Arrays.asList("--pid", "--service", "--state-dir", "--url", "--token");

  final String command;
  private final Map<String, String> values = new HashMap<>();
  private final Set<String> flags = new HashSet<>();

  private CliArgs(String command) {
    this.command = command;
  }

  /**
   * @param valued options that take a value
   * @param booleans options that take none
   */
  static CliArgs parse(String[] args, List<String> valued, List<String> booleans)
      throws UsageException {
    CliArgs out = new CliArgs(args[0]);
    for (int i = 1; i < args.length; i++) {
      String a = args[i];
      String name = a;
      String value = null;
      int eq = a.indexOf('=');
      if (a.startsWith("--") && eq > 0) {
        name = a.substring(0, eq);
        value = a.substring(eq + 1);
      }
      if (booleans.contains(name) && value == null) {
        out.flags.add(name);
      } else if (valued.contains(name)) {
        if (value == null) {
          if (i + 1 >= args.length) {
            throw new UsageException(name + " needs a value");
          }
          value = args[++i];
        }
        out.values.put(name, value);
      } else {
        throw new UsageException("unknown option '" + a + "' for " + args[0]);
      }
    }
    return out;
  }

  @Nullable String value(String name) {
    return values.get(name);
  }

  boolean flag(String name) {
    return flags.contains(name);
  }

  /** A whole-number option, or -1 when absent. */
  long number(String name) throws UsageException {
    String v = values.get(name);
    if (v == null) {
      return -1;
    }
    try {
      return Long.parseLong(v.trim());
    } catch (NumberFormatException e) {
      throw new UsageException(name + " must be a whole number, got '" + v + "'");
    }
  }
}
