package io.perfagent.agent;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ControlArgsTest {

  @Test
  void controlKeys_areTakenOut_andTheSettingsKept() {
    ControlArgs c =
        ControlArgs.parse(
            "perf.control=attach,perf.control.reply=/tmp/r.txt,perf.instrument.methods=a.B#x,a.B#y");
    assertThat(c.command).isEqualTo("attach");
    assertThat(c.reply).isEqualTo("/tmp/r.txt");
    assertThat(c.agentArgs).isEqualTo("perf.instrument.methods=a.B#x,a.B#y");
  }

  @Test
  void plainStart_hasNoCommand_andItsArgumentsUntouched() {
    ControlArgs c = ControlArgs.parse("perf.log.level=debug");
    assertThat(c.command).isNull();
    assertThat(c.reply).isNull();
    assertThat(c.agentArgs).isEqualTo("perf.log.level=debug");
    assertThat(ControlArgs.parse(null).agentArgs).as("no arguments: none to load").isEmpty();
  }
}
