package io.pipelinetasks.tasks.keyvault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SecretsFilterTest {

  @Test
  void aLoneStarOrNothingMeansEverySecret() {
    assertThat(SecretsFilter.parse("*").all()).isTrue();
    assertThat(SecretsFilter.parse("").all()).isTrue();
    assertThat(SecretsFilter.parse(" , ,").all()).isTrue();
    assertThat(SecretsFilter.parse(" * ").all()).isTrue();
  }

  @Test
  void namesAreSplitOnCommasTrimmedAndDeduplicatedIgnoringCase() {
    SecretsFilter filter = SecretsFilter.parse(" db-password ,api-key,, DB-Password ,x");

    assertThat(filter.all()).isFalse();
    assertThat(filter.entries())
        .containsExactly(
            SecretRef.current("db-password"), SecretRef.current("api-key"), SecretRef.current("x"));
  }

  @Test
  void aVersionedEntrySetsTheVersionedAndThePlainName() {
    SecretsFilter filter = SecretsFilter.parse("db/0123abcd");

    SecretRef entry = new SecretRef("db", Optional.of("0123abcd"));
    assertThat(filter.entries()).containsExactly(entry);
    assertThat(filter.variableNames())
        .containsExactly(Map.entry(entry, List.of("db/0123abcd", "db")));
  }

  @Test
  void thePlainNameBelongsToTheUnversionedEntryElseToTheLastVersionedOne() {
    SecretsFilter mixed = SecretsFilter.parse("db/v1, db, db/v2, cert/a, cert/b");

    assertThat(mixed.variableNames().values())
        .containsExactly(
            List.of("db/v1"),
            List.of("db"),
            List.of("db/v2"),
            List.of("cert/a"),
            List.of("cert/b", "cert"));
  }

  @Test
  void anUnversionedNameIsSetOnceNotTwice() {
    assertThat(SecretsFilter.parse("db").variableNames().values()).containsExactly(List.of("db"));
  }

  @Test
  void starNextToNamesIsRefused() {
    assertThatThrownBy(() -> SecretsFilter.parse("db, *"))
        .isInstanceOf(SecretsFilter.MixedFilterException.class);
  }

  @Test
  void namesAndVersionsAreChecked() {
    assertThat(SecretRef.current("ok-Name-1").validName()).isTrue();
    assertThat(SecretRef.current("bad_name").validName()).isFalse();
    assertThat(SecretRef.current("x".repeat(128)).validName()).isFalse();
    assertThat(new SecretRef("a", Optional.of("abc123")).validVersion()).isTrue();
    assertThat(new SecretRef("a", Optional.of("a/b")).validVersion()).isFalse();
    assertThat(new SecretRef("a", Optional.of("")).validVersion()).isFalse();
  }
}
