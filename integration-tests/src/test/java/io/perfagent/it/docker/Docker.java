package io.perfagent.it.docker;

import com.github.dockerjava.api.model.Image;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.testcontainers.DockerClientFactory;

/**
 * The Docker engine the container tests run against, and the local images they build: there is no
 * registry to pull from, so every image is made here ({@code docker/build-image.sh}) under a tag of
 * its own per test run and removed by the test that built it (Ryuk, which would reap leftovers, is
 * off: its image cannot be pulled either).
 */
public final class Docker {

  /** Why the container tests are skipped, in one line. */
  public static final String NO_ENGINE =
      "no Docker engine answers (.ci/run starts one): the container tests are skipped; the same paths"
          + " run with the Collector as a local process";

  /**
   * Testcontainers' helper image ({@code TESTCONTAINERS_TINYIMAGE_CONTAINER_IMAGE} in the pom): an
   * empty image, shared by every run on the machine and kept (it takes no space).
   */
  static final String TINY_IMAGE = "perf-agent-it/tiny:1";

  private static final Pattern RUN_TAG = Pattern.compile("perf-agent-it/[a-z0-9]+:run-(\\d+)-\\d+");
  private static final AtomicInteger IMAGES = new AtomicInteger();
  private static Boolean available;

  private Docker() {}

  /** Whether an engine answers; asked once per test JVM. */
  public static synchronized boolean available() {
    if (available == null) {
      String reason = null;
      try {
        // Testcontainers insists on its helper image being present (else it pulls one, in vain).
        run("tiny", TINY_IMAGE, "");
        DockerClientFactory.instance().client(); // throws with the reason when none answers
        removeLeftovers();
      } catch (Throwable e) {
        reason = lastLine(String.valueOf(e.getMessage()));
      }
      available = reason == null;
      if (reason != null) {
        System.err.println("[it] " + NO_ENGINE + " (" + reason + ")");
      }
    }
    return available;
  }

  /**
   * Removes images that earlier runs built and could not remove (their JVM was killed): the tag
   * names the process, and a process that is gone needs no image.
   */
  private static void removeLeftovers() {
    for (Image image : DockerClientFactory.instance().client().listImagesCmd().exec()) {
      for (String tag : image.getRepoTags() == null ? new String[0] : image.getRepoTags()) {
        Matcher m = RUN_TAG.matcher(tag);
        if (m.matches() && ProcessHandle.of(Long.parseLong(m.group(1))).isEmpty()) {
          removeImage(tag);
        }
      }
    }
  }

  /** The last non-blank line: where docker and Testcontainers put the cause. */
  private static String lastLine(String text) {
    return text.lines().filter(l -> !l.isBlank()).reduce((a, b) -> b).orElse("").trim();
  }

  /** Skips the calling test (one clear line) when no engine answers. */
  public static void assumeAvailable() {
    Assumptions.assumeTrue(available(), NO_ENGINE);
  }

  /** An image {@code FROM scratch} holding only the statically linked Collector binary. */
  public static String buildCollectorImage(Path binary) throws IOException, InterruptedException {
    return build("collector", "perf-agent-it/otelcol", binary);
  }

  /** An image holding the JDK at {@code /opt/java} and the shared libraries it links to. */
  public static String buildJdkImage(Path jdkHome) throws IOException, InterruptedException {
    return build("jdk", "perf-agent-it/jdk", jdkHome);
  }

  /** Removes an image this run built (no-op when it is gone already). */
  public static void removeImage(String tag) {
    try {
      DockerClientFactory.instance().client().removeImageCmd(tag).withForce(true).exec();
    } catch (RuntimeException gone) {
      // Nothing to clean up.
    }
  }

  private static String build(String kind, String repository, Path source)
      throws IOException, InterruptedException {
    // Unique per run: several test runs share this machine's engine and clean up after themselves.
    String tag =
        repository + ":run-" + ProcessHandle.current().pid() + "-" + IMAGES.incrementAndGet();
    run(kind, tag, source.toString());
    return tag;
  }

  private static void run(String kind, String tag, String source)
      throws IOException, InterruptedException {
    Path script =
        Paths.get(System.getProperty("basedir", "."), "docker", "build-image.sh").toAbsolutePath();
    Path log = Files.createTempFile("docker-build", ".log");
    try {
      Process p =
          new ProcessBuilder("bash", script.toString(), kind, tag, source)
              .redirectErrorStream(true)
              .redirectOutput(log.toFile())
              .start();
      if (!p.waitFor(5, TimeUnit.MINUTES) || p.exitValue() != 0) {
        p.destroyForcibly();
        throw new IllegalStateException(
            "could not build the "
                + kind
                + " image with "
                + script
                + ":\n"
                + Files.readString(log));
      }
    } finally {
      Files.deleteIfExists(log);
    }
  }
}
