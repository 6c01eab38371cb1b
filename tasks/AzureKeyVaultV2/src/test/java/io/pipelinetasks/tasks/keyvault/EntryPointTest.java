package io.pipelinetasks.tasks.keyvault;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class EntryPointTest {

  @Test
  void theLauncherNameChoosesTheEntryPoint() {
    assertThat(EntryPoint.fromArguments(new String[] {"prejob"})).isEqualTo(EntryPoint.PRE_JOB);
    assertThat(EntryPoint.fromArguments(new String[] {"launcher"})).isEqualTo(EntryPoint.STEP);
    assertThat(EntryPoint.fromArguments(new String[0])).isEqualTo(EntryPoint.STEP);
  }

  @Test
  void exactlyOneEntryPointRunsForEachRunAsPreJobValue() {
    assertThat(EntryPoint.PRE_JOB.runs(true)).isTrue();
    assertThat(EntryPoint.STEP.runs(true)).isFalse();
    assertThat(EntryPoint.PRE_JOB.runs(false)).isFalse();
    assertThat(EntryPoint.STEP.runs(false)).isTrue();
  }
}
