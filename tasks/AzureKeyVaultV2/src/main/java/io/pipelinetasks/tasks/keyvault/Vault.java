package io.pipelinetasks.tasks.keyvault;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The two calls the task makes to a vault. One call is one HTTP request, so that the task's retry
 * layer sees every failure; the implementation does not retry.
 */
interface Vault {

  /**
   * One page of the secret list.
   *
   * @param nextLink the previous page's link to the next, or empty for the first page
   * @param timeout the time this request may take
   */
  Page list(Optional<String> nextLink, Duration timeout);

  /**
   * A secret's value.
   *
   * @param secret the secret and version
   * @param timeout the time this request may take
   */
  Fetched get(SecretRef secret, Duration timeout);

  /**
   * A page of secrets, without values.
   *
   * @param secrets the secrets on the page
   * @param nextLink the link to the next page, or empty on the last page
   */
  record Page(List<Listed> secrets, Optional<String> nextLink) {
    public Page {
      secrets = List.copyOf(secrets);
      Objects.requireNonNull(nextLink, "nextLink");
    }
  }

  /**
   * A listed secret.
   *
   * @param name the secret's name
   * @param attributes its attributes
   */
  record Listed(String name, SecretAttributes attributes) {}

  /**
   * A secret's value and attributes. The value is a plain string because the SDK hands it over as
   * one; it goes from here only into {@code setVariable} and {@code setSecret}.
   *
   * @param value the value
   * @param attributes the attributes of the version read
   */
  record Fetched(String value, SecretAttributes attributes) {
    @Override
    public String toString() {
      return "Fetched[value=***, attributes=" + attributes + "]";
    }
  }
}
