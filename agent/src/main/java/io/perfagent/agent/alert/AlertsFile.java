package io.perfagent.agent.alert;

import io.perfagent.agent.log.AgentLog;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * {@code alerts.jsonl} in the state directory: one line per delivered transition, appended (so a
 * kill -9 loses at most the line being written); past 4 MB it becomes {@code alerts.jsonl.1}.
 */
final class AlertsFile {

  static final String NAME = "alerts.jsonl";
  private static final long MAX_BYTES = 4L << 20;

  private final Path file;

  AlertsFile(Path dir) {
    this.file = dir.resolve(NAME);
  }

  void append(String json) {
    try {
      if (Files.exists(file) && Files.size(file) > MAX_BYTES) {
        Files.move(file, file.resolveSibling(NAME + ".1"), StandardCopyOption.REPLACE_EXISTING);
      }
      if (!Files.exists(file)) {
        try {
          Files.createFile(
              file,
              PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (UnsupportedOperationException notPosix) {
          Files.createFile(file);
        }
      }
      Files.write(file, (json + "\n").getBytes(StandardCharsets.UTF_8), StandardOpenOption.APPEND);
    } catch (IOException | RuntimeException e) {
      AgentLog.warnEvery("alerts-file", 600_000, "could not append to " + file + ": " + e);
    }
  }
}
