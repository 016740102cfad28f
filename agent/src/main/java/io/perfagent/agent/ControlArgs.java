package io.perfagent.agent;

import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The agent arguments the CLI passes when it loads the agent into a running JVM: {@code
 * perf.control=attach|reload|detach} says what to do and {@code perf.control.reply=<file>} where to
 * write the outcome for the CLI to print. Both are taken out before the configuration is read; the
 * rest are ordinary {@code key=value} settings.
 */
final class ControlArgs {

  static final String COMMAND = "perf.control";
  static final String REPLY = "perf.control.reply";

  /** {@code attach}, {@code reload}, {@code detach}, or {@code null} for a plain start. */
  final @Nullable String command;

  /** The reply file, or {@code null}. */
  final @Nullable String reply;

  /** The arguments without the control keys. */
  final String agentArgs;

  private ControlArgs(@Nullable String command, @Nullable String reply, String agentArgs) {
    this.command = command;
    this.reply = reply;
    this.agentArgs = agentArgs;
  }

  static ControlArgs parse(@Nullable String agentArgs) {
    if (agentArgs == null || !agentArgs.contains(COMMAND)) {
      return new ControlArgs(null, null, agentArgs == null ? "" : agentArgs);
    }
    @Nullable String command = null;
    @Nullable String reply = null;
    List<String> rest = new ArrayList<>();
    for (String part : agentArgs.split(",")) {
      String t = part.trim();
      if (t.startsWith(COMMAND + "=")) {
        command = t.substring(COMMAND.length() + 1).trim();
      } else if (t.startsWith(REPLY + "=")) {
        reply = t.substring(REPLY.length() + 1).trim();
      } else {
        rest.add(part);
      }
    }
    return new ControlArgs(command, reply, String.join(",", rest));
  }
}
