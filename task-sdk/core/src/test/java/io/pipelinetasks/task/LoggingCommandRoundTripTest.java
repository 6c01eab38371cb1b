package io.pipelinetasks.task;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Emitting a command and parsing it back, with the agent's rules, gives the same command. */
class LoggingCommandRoundTripTest {
  private static final String ALPHABET = "abcXYZ019 %;]=[\r\n\t\\\"'#.,:/é€😀" + "\u0000";
  private static final String[] FRAGMENTS = {
    "%AZP25", "%3B", "%0D", "%0A", "%5D", "%25", "##vso[", "]", ";", "%", "AZP25"
  };

  @Test
  void anyMessageAndPropertyValuesSurviveEmitThenParse() {
    long seed = System.nanoTime();
    Random random = new Random(seed);
    for (int i = 0; i < 20_000; i++) {
      Map<String, String> properties = new LinkedHashMap<>();
      int count = random.nextInt(4);
      for (int p = 0; p < count; p++) {
        String value = randomText(random);
        if (!value.isEmpty()) {
          properties.put("key" + p, value);
        }
      }
      LoggingCommand sent = new LoggingCommand("task.setvariable", properties, randomText(random));
      LoggingCommand received = LoggingCommand.parse(sent.toLine()).orElseThrow();
      assertThat(received.name()).isEqualTo(sent.name());
      assertThat(received.properties()).as("seed %d", seed).isEqualTo(sent.properties());
      assertThat(received.message()).as("seed %d", seed).isEqualTo(sent.message());
    }
  }

  @Test
  void theAgentFindsACommandAnywhereInTheLine() {
    LoggingCommand command =
        LoggingCommand.parse("prefix text ##vso[task.setvariable variable=a;]v").orElseThrow();
    assertThat(command.is("TASK.SETVARIABLE")).isTrue();
    assertThat(command.property("VARIABLE")).contains("a");
    assertThat(command.message()).isEqualTo("v");
  }

  @Test
  void malformedCommandsAreNotCommands() {
    assertThat(LoggingCommand.parse("##vso[task]x")).isEmpty();
    assertThat(LoggingCommand.parse("##vso[a.b.c]x")).isEmpty();
    assertThat(LoggingCommand.parse("##vso[task.debug no bracket")).isEmpty();
    assertThat(LoggingCommand.parse("plain line")).isEmpty();
  }

  @Test
  void propertiesWithoutAKeyOrValueAreDroppedAndKeysAreNotTrimmed() {
    LoggingCommand command =
        LoggingCommand.parse("##vso[task.setvariable variable=x;=y;z=; issecret=true;junk]v")
            .orElseThrow();
    assertThat(command.properties()).containsOnlyKeys("variable", " issecret");
    assertThat(command.flag("issecret")).isFalse();
  }

  @Test
  void anEmptyNameIsWrittenAsMissingCommandAndDroppedPropertiesLeaveTheSpace() {
    Map<String, String> empty = new LinkedHashMap<>();
    empty.put("a", "");
    assertThat(new LoggingCommand("", Map.of(), "m").toLine()).isEqualTo("##vso[missing.command]m");
    assertThat(new LoggingCommand("a.b", empty, "m").toLine()).isEqualTo("##vso[a.b ]m");
  }

  private static String randomText(Random random) {
    StringBuilder text = new StringBuilder();
    int length = random.nextInt(12);
    for (int i = 0; i < length; i++) {
      if (random.nextInt(4) == 0) {
        text.append(FRAGMENTS[random.nextInt(FRAGMENTS.length)]);
      } else {
        text.appendCodePoint(
            ALPHABET.codePointAt(
                ALPHABET.offsetByCodePoints(
                    0, random.nextInt(ALPHABET.codePointCount(0, ALPHABET.length())))));
      }
    }
    return text.toString();
  }
}
