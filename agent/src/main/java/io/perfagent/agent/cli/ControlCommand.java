package io.perfagent.agent.cli;

import io.perfagent.agent.endpoint.Registration;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * {@code attach <pid> [key=value,...]}, {@code detach <pid>} and {@code reload [--pid N]}: each
 * loads this jar into the target JVM through the Attach API with a {@code perf.control} command;
 * the agent there does the work and writes its outcome into a reply file, which is printed here.
 * Exit codes: 0 done, 1 failed (the reason and its fix on stderr), 2 bad usage.
 */
final class ControlCommand {

  static final List<String> NAMES = Arrays.asList("attach", "detach", "reload");

  static final String USAGE =
      "  attach    attach <pid> [key=value,...]: load the agent into a running JVM (a JDK's java)\n"
          + "  detach    detach <pid>: remove the agent from that JVM; it runs on unmeasured\n"
          + "  reload    reload [--pid N]: apply the agent's perf.config.file again now\n";

  /** How long to wait for the agent's answer (an attach finishes its start-up first). */
  private static final long REPLY_TIMEOUT_MILLIS = 60_000;

  /** A failure with its explanation and fix: exit code 1. */
  static final class Failure extends Exception {
    private static final long serialVersionUID = 1L;

    Failure(String message) {
      super(message);
    }
  }

  private ControlCommand() {}

  static boolean handles(String name) {
    return NAMES.contains(name);
  }

  static int run(String[] args, PrintStream out, PrintStream err) {
    String command = args[0];
    try {
      long pid;
      String options = "";
      if (command.equals("reload")) {
        pid = reloadTarget(args);
      } else {
        List<String> positional = positional(args);
        if (positional.isEmpty() || positional.size() > (command.equals("attach") ? 2 : 1)) {
          throw new CliArgs.UsageException(
              "expected "
                  + command
                  + " <pid>"
                  + (command.equals("attach") ? " [key=value,...]" : ""));
        }
        pid = parsePid(positional.get(0));
        if (positional.size() == 2) {
          options = positional.get(1);
        }
      }
      return control(command, pid, options, out, err);
    } catch (CliArgs.UsageException e) {
      err.println("perf-agent " + command + ": " + e.getMessage());
      err.print(USAGE);
      return 2;
    } catch (Failure | Target.NotFound e) {
      err.println("perf-agent " + command + ": " + e.getMessage());
      return 1;
    }
  }

  private static int control(
      String command, long pid, String options, PrintStream out, PrintStream err) throws Failure {
    checkProcess(pid);
    String jar = ownJar();
    Path reply;
    try {
      reply =
          Files.createTempFile(
              "perf-agent-reply-",
              ".txt",
              PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    } catch (IOException | UnsupportedOperationException e) {
      throw new Failure("cannot create a reply file in java.io.tmpdir: " + e);
    }
    try {
      String args =
          "perf.control="
              + command
              + ",perf.control.reply="
              + reply
              + (options.isEmpty() ? "" : "," + options);
      try {
        AttachApi.loadAgent(pid, jar, args);
      } catch (NoClassDefFoundError noAttach) {
        throw new Failure(
            "this Java has no Attach API (module jdk.attach; a JRE?): run the"
                + " command with a JDK's java, e.g. /usr/lib/jvm/<jdk>/bin/java -jar "
                + jar);
      }
      return awaitReply(reply, pid, out, err);
    } finally {
      try {
        Files.deleteIfExists(reply);
      } catch (IOException ignored) {
        // A leftover reply file in the temp directory is harmless.
      }
    }
  }

  /** Prints the agent's lines until it says {@code done}; exit 0 when it went well. */
  private static int awaitReply(Path reply, long pid, PrintStream out, PrintStream err)
      throws Failure {
    long deadline = System.currentTimeMillis() + REPLY_TIMEOUT_MILLIS;
    int printed = 0;
    while (true) {
      List<String> lines;
      try {
        lines = Files.readAllLines(reply, StandardCharsets.UTF_8);
      } catch (IOException e) {
        lines = new ArrayList<>();
      }
      for (; printed < lines.size(); printed++) {
        String line = lines.get(printed);
        if (line.startsWith("done ")) {
          return line.equals("done ok") ? 0 : 1;
        }
        (line.startsWith("WARN ") ? err : out).println(line);
      }
      if (System.currentTimeMillis() > deadline) {
        throw new Failure(
            "pid "
                + pid
                + " did not answer within "
                + REPLY_TIMEOUT_MILLIS / 1000
                + " s; see its stderr for [perf-agent] lines");
      }
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new Failure("interrupted");
      }
    }
  }

  /** No such pid, or another user's: said plainly before the Attach API says it obscurely. */
  private static void checkProcess(long pid) throws Failure {
    Optional<ProcessHandle> p = ProcessHandle.of(pid);
    if (!p.isPresent() || !p.get().isAlive()) {
      throw new Failure(
          "no process with pid " + pid + " (see jps or `java -jar perf-agent.jar list`)");
    }
    if (pid == ProcessHandle.current().pid()) {
      throw new Failure("pid " + pid + " is this command itself");
    }
    Optional<String> command = p.get().info().command();
    if (command.isPresent() && !command.get().contains("java")) {
      throw new Failure("pid " + pid + " is not a Java process (" + command.get() + ")");
    }
    Optional<String> user = p.get().info().user();
    String me = System.getProperty("user.name");
    if (user.isPresent() && me != null && !user.get().equals(me) && !me.equals("root")) {
      throw new Failure(
          "pid "
              + pid
              + " belongs to user "
              + user.get()
              + ", not "
              + me
              + ": the Attach API only reaches JVMs of the same user; run it as that user"
              + " (sudo -u "
              + user.get()
              + " java -jar perf-agent.jar ...)");
    }
  }

  private static long reloadTarget(String[] args) throws CliArgs.UsageException, Target.NotFound {
    CliArgs a =
        CliArgs.parse(args, Arrays.asList("--pid", "--service", "--state-dir"), Arrays.asList());
    long pid = a.number("--pid");
    if (pid >= 0) {
      return pid;
    }
    String service = a.value("--service");
    List<Registration> matching = new ArrayList<>();
    for (Registration r : Target.running(Target.roots(a))) {
      if (service == null || service.equals(r.service)) {
        matching.add(r);
      }
    }
    if (matching.size() == 1) {
      return matching.get(0).pid;
    }
    if (matching.isEmpty()) {
      throw new Target.NotFound(
          "no running perf-agent found (looked in " + Target.roots(a) + "); pass --pid N");
    }
    StringBuilder s = new StringBuilder("several perf-agents are running; choose one with --pid:");
    for (Registration r : matching) {
      s.append("\n  pid ").append(r.pid).append("  service ").append(r.service);
    }
    throw new Target.NotFound(s.toString());
  }

  private static List<String> positional(String[] args) throws CliArgs.UsageException {
    List<String> out = new ArrayList<>();
    for (int i = 1; i < args.length; i++) {
      if (args[i].equals("--pid") && i + 1 < args.length) {
        out.add(args[++i]);
      } else if (args[i].startsWith("--")) {
        throw new CliArgs.UsageException("unknown option '" + args[i] + "'");
      } else {
        out.add(args[i]);
      }
    }
    return out;
  }

  private static long parsePid(String s) throws CliArgs.UsageException {
    try {
      long pid = Long.parseLong(s.trim());
      if (pid > 0) {
        return pid;
      }
    } catch (NumberFormatException ignored) {
      // below
    }
    throw new CliArgs.UsageException("expected a process id (a whole number), got '" + s + "'");
  }

  /** The jar this command runs from: the one to load into the target. */
  private static String ownJar() throws Failure {
    try {
      Path p =
          Paths.get(
              ControlCommand.class.getProtectionDomain().getCodeSource().getLocation().toURI());
      if (!Files.isRegularFile(p)) {
        throw new Failure(
            "the CLI does not run from perf-agent.jar (" + p + "); run java -jar perf-agent.jar");
      }
      return p.toAbsolutePath().toString();
    } catch (URISyntaxException | RuntimeException e) {
      throw new Failure("cannot find perf-agent.jar: " + e);
    }
  }
}
