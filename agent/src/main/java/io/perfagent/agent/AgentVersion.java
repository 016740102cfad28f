package io.perfagent.agent;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** The agent's version, from the build. */
public final class AgentVersion {

  private static final String VERSION = read();

  private AgentVersion() {}

  /** For example {@code 0.1.0-SNAPSHOT}; {@code unknown} outside a built jar. */
  public static String get() {
    return VERSION;
  }

  private static String read() {
    try (InputStream in = AgentVersion.class.getResourceAsStream("version.properties")) {
      if (in == null) {
        return "unknown";
      }
      Properties p = new Properties();
      p.load(in);
      return p.getProperty("version", "unknown");
    } catch (IOException e) {
      return "unknown";
    }
  }
}
