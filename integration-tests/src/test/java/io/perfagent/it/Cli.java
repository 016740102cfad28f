package io.perfagent.it;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.stream.Stream;

/** Runs {@code java -jar perf-agent.jar <command>} on a given JDK, as a user would. */
final class Cli {

  private Cli() {}

  static AppJvm.Result run(String jdk, String command, String... args)
      throws IOException, InterruptedException {
    return new AppJvm(jdk)
        .jvmArg("-jar")
        .jvmArg(AppJvm.agentJar().toString())
        .main(command, args)
        .runJar(Duration.ofSeconds(90));
  }

  static void deleteTree(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }
}
