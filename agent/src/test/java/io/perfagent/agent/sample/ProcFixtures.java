package io.perfagent.agent.sample;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Writes /proc-like files for tests. */
final class ProcFixtures {
  private ProcFixtures() {}

  static final String STATUS =
      "Name:\tjava\nUmask:\t0022\nState:\tS (sleeping)\nPid:\t4242\nVmPeak:\t 9000000 kB\n"
          + "VmSize:\t 8912344 kB\nVmRSS:\t  123456 kB\nThreads:\t37\n"
          + "voluntary_ctxt_switches:\t12\nnonvoluntary_ctxt_switches:\t3\n";

  /** The command name holds spaces and parentheses, as a thread may name itself. */
  static final String STAT =
      "4242 (my (weird) java) S 1 4242 4242 0 -1 4194560 2500 0 7 0 350 120 0 0 20 0 37 0 "
          + "123 8912344000 30864 18446744073709551615 1 1 0 0 0 0 0 0 0 0 0 0 17 1 0 0 0 0 0\n";

  static final String IO =
      "rchar: 1000\nwchar: 2000\nsyscr: 10\nsyscw: 20\nread_bytes: 4096\nwrite_bytes: 8192\n"
          + "cancelled_write_bytes: 0\n";

  static Path write(Path dir, String name, String content) throws IOException {
    Path file = dir.resolve(name);
    Files.createDirectories(file.getParent());
    Files.write(file, content.getBytes(StandardCharsets.US_ASCII));
    return file;
  }
}
