package io.pipelinetasks.tasks.keyvault;

import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * One secret to read: a name, and a version when the filter asked for one.
 *
 * @param name the secret name, as written in the filter or returned by the vault
 * @param version the version, or empty for the current one
 */
record SecretRef(String name, Optional<String> version) {
  // Key Vault's own rule for secret names; checking it here saves a request per bad name and
  // gives the message the official task gives for the service's 400.
  private static final Pattern NAME = Pattern.compile("[0-9a-zA-Z-]{1,127}");
  private static final Pattern VERSION = Pattern.compile("[0-9a-zA-Z]{1,64}");

  SecretRef {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(version, "version");
  }

  static SecretRef current(String name) {
    return new SecretRef(name, Optional.empty());
  }

  /** {@code name} or {@code name/version}, as the filter writes it. */
  String display() {
    return version.map(v -> name + "/" + v).orElse(name);
  }

  boolean validName() {
    return NAME.matcher(name).matches();
  }

  boolean validVersion() {
    return version.map(v -> VERSION.matcher(v).matches()).orElse(true);
  }

  /** The name as Key Vault compares it: names are case-insensitive. */
  String key() {
    return name.toLowerCase(Locale.ROOT);
  }

  @Override
  public String toString() {
    return display();
  }
}
