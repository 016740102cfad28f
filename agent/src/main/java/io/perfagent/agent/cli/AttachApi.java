package io.perfagent.agent.cli;

import com.sun.tools.attach.AgentInitializationException;
import com.sun.tools.attach.AgentLoadException;
import com.sun.tools.attach.AttachNotSupportedException;
import com.sun.tools.attach.VirtualMachine;
import java.io.IOException;

/**
 * The JDK's Attach API ({@code jdk.attach}), kept in one class: on a Java without that module (a
 * JRE) loading this class fails, and {@link ControlCommand} says so with the fix.
 */
final class AttachApi {

  private AttachApi() {}

  /**
   * Loads {@code agentJar} into the JVM {@code pid} with {@code options}, which runs its {@code
   * agentmain} there.
   *
   * @throws ControlCommand.Failure with what went wrong and the fix
   */
  static void loadAgent(long pid, String agentJar, String options) throws ControlCommand.Failure {
    VirtualMachine vm;
    try {
      vm = VirtualMachine.attach(Long.toString(pid));
    } catch (AttachNotSupportedException e) {
      throw new ControlCommand.Failure(
          "cannot attach to pid "
              + pid
              + ": "
              + e.getMessage()
              + "; if it was started with -XX:+DisableAttachMechanism, restart it without that flag"
              + " (or with -javaagent:perf-agent.jar)");
    } catch (IOException e) {
      throw new ControlCommand.Failure(
          "cannot attach to pid "
              + pid
              + ": "
              + e.getMessage()
              + "; check that it is a HotSpot JVM of the same user and that its temporary directory"
              + " (java.io.tmpdir) is the same as this one's");
    }
    try {
      vm.loadAgent(agentJar, options);
    } catch (AgentLoadException | AgentInitializationException e) {
      throw new ControlCommand.Failure("pid " + pid + " refused the agent: " + e.getMessage());
    } catch (IOException e) {
      throw new ControlCommand.Failure("lost the connection to pid " + pid + ": " + e.getMessage());
    } finally {
      try {
        vm.detach();
      } catch (IOException ignored) {
        // The agent has been loaded or refused; the connection does not matter any more.
      }
    }
  }
}
