package io.pipelinetasks.task;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Random;
import org.junit.jupiter.api.Test;

class SecretMaskerTest {

  @Test
  void replacesEverySecretWithThreeStars() {
    SecretMasker masker = new SecretMasker();
    masker.add("hunter2");
    masker.add("s3cr3t");
    assertThat(masker.mask("a hunter2 b s3cr3t c hunter2")).isEqualTo("a *** b *** c ***");
    assertThat(masker.count("a hunter2 b s3cr3t c hunter2")).isEqualTo(3);
  }

  @Test
  void overlappingAndAdjacentMatchesBecomeOneMask() {
    SecretMasker masker = new SecretMasker();
    masker.add("abcd");
    masker.add("cdef");
    assertThat(masker.mask("x abcdef y")).isEqualTo("x *** y");
    assertThat(masker.mask("abcdabcd")).isEqualTo("***");
  }

  @Test
  void masksTheEncodedFormsTheAgentMasks() {
    String secret = "p@ss \"w\\rd\" 50%&x";
    SecretMasker masker = new SecretMasker();
    masker.add(secret);
    String base64 = Base64.getEncoder().encodeToString(secret.getBytes(StandardCharsets.UTF_8));
    String json = secret.replace("\\", "\\\\").replace("\"", "\\\"");
    String uri = URLEncoder.encode(secret, StandardCharsets.UTF_8).replace("+", "%20");
    String command = secret.replace("%", "%AZP25");
    for (String form : new String[] {secret, base64, json, uri, command}) {
      assertThat(masker.mask("[" + form + "]")).as(form).isEqualTo("[***]");
    }
  }

  @Test
  void masksQuoteStrippedAndTrimmedAndBackslashUnescapedForms() {
    SecretMasker masker = new SecretMasker();
    masker.add("\"quoted-value\"");
    masker.add("  padded-value \n");
    masker.add("tab\\there");
    assertThat(masker.mask("x quoted-value y")).isEqualTo("x *** y");
    assertThat(masker.mask("x padded-value y")).isEqualTo("x *** y");
    assertThat(masker.mask("x tab\there y")).isEqualTo("x *** y");
  }

  @Test
  void registersEachLineOfAMultiLineSecret() {
    SecretMasker masker = new SecretMasker();
    masker.add("-----BEGIN KEY-----\r\nMIIBOgIBAAJBAK\nzzzTAILzzz");
    assertThat(masker.mask("line MIIBOgIBAAJBAK here")).isEqualTo("line *** here");
    assertThat(masker.mask("zzzTAILzzz")).isEqualTo("***");
  }

  @Test
  void ignoresBlankValuesAndHonoursTheMinimumLength() {
    SecretMasker masker = new SecretMasker(4);
    masker.add("   ");
    masker.add("abc");
    masker.add("abcd");
    assertThat(masker.mask("abc abcd")).isEqualTo("abc ***");
    assertThat(new SecretMasker(100).mask("x")).isEqualTo("x");
  }

  @Test
  void leavesTextWithoutSecretsUntouched() {
    SecretMasker masker = new SecretMasker();
    String text = "nothing to see here";
    assertThat(masker.mask(text)).isSameAs(text);
    masker.add("zzz");
    assertThat(masker.mask(text)).isSameAs(text);
  }

  @Test
  void streamingGivesTheSameResultAsMaskingWholeWhereverThePiecesSplit() {
    long seed = System.nanoTime();
    Random random = new Random(seed);
    SecretMasker masker = new SecretMasker();
    String[] secrets = {"secret1", "tok€n", "aaab", "abab", "ba"};
    for (String secret : secrets) {
      masker.add(secret);
    }
    String alphabet = "absecrt1ok€n ";
    for (int round = 0; round < 2_000; round++) {
      StringBuilder text = new StringBuilder();
      for (int i = random.nextInt(60); i > 0; i--) {
        if (random.nextInt(5) == 0) {
          text.append(secrets[random.nextInt(secrets.length)]);
        } else {
          text.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
      }
      StringBuilder streamed = new StringBuilder();
      SecretMasker.Stream stream = masker.stream(streamed::append);
      int at = 0;
      while (at < text.length()) {
        int next = Math.min(text.length(), at + 1 + random.nextInt(7));
        stream.write(text.subSequence(at, next));
        at = next;
      }
      stream.finish();
      assertThat(streamed.toString())
          .as("seed %d text %s", seed, text)
          .isEqualTo(masker.mask(text.toString()));
    }
  }

  @Test
  void aStreamHoldsBackNoMoreThanTheLongestSecret() {
    SecretMasker masker = new SecretMasker();
    masker.add("0123456789");
    StringBuilder out = new StringBuilder();
    SecretMasker.Stream stream = masker.stream(out::append);
    stream.write("x".repeat(1000) + "01234");
    assertThat(out.length()).isEqualTo(1000);
    stream.write("56789 tail");
    stream.finish();
    assertThat(out.toString()).isEqualTo("x".repeat(1000) + "*** tail");
  }

  @Test
  void aSecretAddedLaterIsMaskedFromThenOn() {
    SecretMasker masker = new SecretMasker();
    assertThat(masker.mask("late-secret")).isEqualTo("late-secret");
    masker.add("late-secret");
    assertThat(masker.mask("late-secret")).isEqualTo("***");
  }

  @Test
  void manySecretsRegisteredOneByOneBetweenLinesAreAllMasked() {
    SecretMasker masker = new SecretMasker();
    StringBuilder lines = new StringBuilder();
    for (int i = 0; i < 1_000; i++) {
      String secret = "secret-number-" + i + "-value";
      masker.add(secret);
      assertThat(masker.mask("x " + secret + " y")).isEqualTo("x *** y");
      lines.append(secret).append(' ');
    }
    assertThat(masker.count(lines.toString())).isEqualTo(1_000);
    assertThat(masker.mask("secret-number-17-value and secret-number-999-value"))
        .isEqualTo("*** and ***");
  }

  @Test
  void aStreamSeesSecretsFromEveryLevel() {
    SecretMasker masker = new SecretMasker();
    for (int i = 0; i < 300; i++) {
      masker.add("old-secret-" + i + "-xyz");
    }
    masker.add("fresh-secret-abc");
    StringBuilder out = new StringBuilder();
    SecretMasker.Stream stream = masker.stream(out::append);
    stream.write("a old-secret-");
    stream.write("42-xyz b fresh-sec");
    stream.write("ret-abc c");
    stream.finish();
    assertThat(out.toString()).isEqualTo("a *** b *** c");
  }

  @Test
  void secretsAddedOneByOneMaskExactlyAsTheSameSecretsAddedAtOnce() {
    long seed = System.nanoTime();
    Random random = new Random(seed);
    SecretMasker incremental = new SecretMasker();
    java.util.List<String> secrets = new java.util.ArrayList<>();
    for (int round = 0; round < 400; round++) {
      // Short secrets over a small alphabet, so that matches overlap across levels.
      String secret = randomText(random, 3 + random.nextInt(6), "abcd");
      secrets.add(secret);
      incremental.add(secret);
      if (random.nextInt(3) == 0) {
        SecretMasker atOnce = new SecretMasker();
        secrets.forEach(atOnce::add);
        String text = randomText(random, 200, "abcde ");
        assertThat(incremental.mask(text))
            .as("seed %d, round %d", seed, round)
            .isEqualTo(atOnce.mask(text));
        assertThat(incremental.count(text))
            .as("seed %d, round %d", seed, round)
            .isEqualTo(atOnce.count(text));
      }
    }
  }

  @Test
  void aStreamOpenWhileSecretsArriveMasksThemFromThenOn() {
    SecretMasker masker = new SecretMasker();
    StringBuilder out = new StringBuilder();
    SecretMasker.Stream stream = masker.stream(out::append);
    StringBuilder expected = new StringBuilder();
    for (int i = 0; i < 500; i++) {
      String secret = "streamed-secret-" + i + "-end";
      masker.add(secret);
      stream.write("line " + i + " " + secret.substring(0, 9));
      stream.write(secret.substring(9) + "\n");
      expected.append("line ").append(i).append(" ***\n");
    }
    stream.finish();
    assertThat(out.toString()).isEqualTo(expected.toString());
  }

  @Test
  void afterAQuietSpellEverySecretIsStillMasked() {
    SecretMasker masker = new SecretMasker();
    for (int i = 0; i < 700; i++) {
      masker.add("quiet-secret-" + i + "-tail");
      masker.mask("between");
    }
    for (int i = 0; i < 1_000; i++) {
      masker.mask("nothing secret here");
    }
    StringBuilder all = new StringBuilder();
    for (int i = 0; i < 700; i++) {
      all.append("quiet-secret-").append(i).append("-tail,");
    }
    assertThat(masker.count(all.toString())).isEqualTo(700);
  }

  private static String randomText(Random random, int length, String alphabet) {
    StringBuilder text = new StringBuilder(length);
    for (int i = 0; i < length; i++) {
      text.append(alphabet.charAt(random.nextInt(alphabet.length())));
    }
    return text.toString();
  }
}
