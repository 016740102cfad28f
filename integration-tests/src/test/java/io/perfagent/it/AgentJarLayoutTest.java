package io.perfagent.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarInputStream;
import org.junit.jupiter.api.Test;

/** The one artifact users take: everything shaded, the right manifest, a working CLI. */
class AgentJarLayoutTest {

  @Test
  void everyEntry_sitsUnderTheAgentPrefixOrMetaInf() throws IOException {
    List<String> stray = new ArrayList<>();
    try (JarFile jar = new JarFile(AppJvm.agentJar().toFile())) {
      for (JarEntry e : Collections.list(jar.entries())) {
        String name = e.getName();
        boolean expected =
            name.startsWith("io/perfagent/")
                || name.equals("io/")
                || (name.startsWith("META-INF/") && !name.endsWith(".class"));
        if (!expected) {
          stray.add(name);
        }
      }
    }
    assertThat(stray).as("entries outside io/perfagent/ and META-INF/").isEmpty();
  }

  @Test
  void bootstrapClasses_travelOnlyAsANestedJar() throws IOException {
    try (JarFile jar = new JarFile(AppJvm.agentJar().toFile())) {
      assertThat(jar.getEntry("io/perfagent/bootstrap/Probe.class")).isNull();
      assertThat(jar.getEntry("io/perfagent/annotation/Measured.class")).isNull();
      JarEntry nested = jar.getJarEntry("io/perfagent/agent/bootstrap.jar.bin");
      assertThat(nested).isNotNull();
      List<String> names = new ArrayList<>();
      try (JarInputStream in = new JarInputStream(jar.getInputStream(nested))) {
        for (JarEntry e = in.getNextJarEntry(); e != null; e = in.getNextJarEntry()) {
          names.add(e.getName());
        }
      }
      assertThat(names)
          .contains("io/perfagent/bootstrap/Probe.class", "io/perfagent/annotation/Measured.class");
    }
  }

  @Test
  void serviceFiles_nameRelocatedClasses() throws IOException {
    try (JarFile jar = new JarFile(AppJvm.agentJar().toFile())) {
      List<String> services = new ArrayList<>();
      for (JarEntry e : Collections.list(jar.entries())) {
        if (e.getName().startsWith("META-INF/services/") && !e.isDirectory()) {
          services.add(e.getName());
          try (InputStream in = jar.getInputStream(e)) {
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
              if (!line.isBlank() && !line.startsWith("#")) {
                assertThat(line.trim()).as(e.getName()).startsWith("io.perfagent.");
              }
            }
          }
        }
      }
      assertThat(services).allMatch(s -> s.startsWith("META-INF/services/io.perfagent."));
      assertThat(services).isNotEmpty();
    }
  }

  @Test
  void manifest_declaresAgentAndCliEntryPoints() throws IOException {
    try (JarFile jar = new JarFile(AppJvm.agentJar().toFile())) {
      Attributes main = jar.getManifest().getMainAttributes();
      assertThat(main.getValue("Premain-Class")).isEqualTo("io.perfagent.agent.PerfAgent");
      assertThat(main.getValue("Agent-Class")).isEqualTo("io.perfagent.agent.PerfAgent");
      assertThat(main.getValue("Main-Class")).isEqualTo("io.perfagent.agent.cli.Main");
      assertThat(main.getValue("Can-Retransform-Classes")).isEqualTo("true");
    }
  }

  @Test
  void agentClasses_targetJava11() throws IOException {
    try (JarFile jar = new JarFile(AppJvm.agentJar().toFile());
        InputStream in = jar.getInputStream(jar.getEntry("io/perfagent/agent/PerfAgent.class"))) {
      byte[] header = in.readNBytes(8);
      int major = ((header[6] & 0xFF) << 8) | (header[7] & 0xFF);
      assertThat(major).isEqualTo(55);
    }
  }

  @Test
  void cli_printsVersionAndHelp() throws Exception {
    String jdk = AppJvm.jdks().get(0);
    AppJvm.Result version =
        new AppJvm(jdk)
            .jvmArg("-jar")
            .jvmArg(AppJvm.agentJar().toString())
            .main("--version")
            .runJar(Duration.ofSeconds(60));
    assertThat(version.exitCode).isZero();
    assertThat(version.stdout).startsWith("perf-agent ");
    AppJvm.Result help =
        new AppJvm(jdk)
            .jvmArg("-jar")
            .jvmArg(AppJvm.agentJar().toString())
            .main("--help")
            .runJar(Duration.ofSeconds(60));
    assertThat(help.exitCode).isZero();
    assertThat(help.stdout)
        .contains("-javaagent:perf-agent.jar", "perf.enabled", "PERF_INSTRUMENT_METHODS");
    AppJvm.Result bad =
        new AppJvm(jdk)
            .jvmArg("-jar")
            .jvmArg(AppJvm.agentJar().toString())
            .main("frobnicate")
            .runJar(Duration.ofSeconds(60));
    assertThat(bad.exitCode).isEqualTo(2);
    assertThat(bad.stderr).contains("unknown command 'frobnicate'");
  }
}
