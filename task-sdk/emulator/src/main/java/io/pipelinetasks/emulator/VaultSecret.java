package io.pipelinetasks.emulator;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One version of a Key Vault secret. Several versions of one name may be added to a vault; the last
 * one added is the current version.
 *
 * @param name the secret name
 * @param value the value; never printed by {@link #toString()}
 * @param version the 32-hex-digit version id; derived from vault, name and position when {@code
 *     null}
 * @param enabled whether the version may be read ({@code get} on a disabled secret is a 403 {@code
 *     SecretDisabled})
 * @param expiresOn the {@code exp} attribute; like the service, the emulator reports it but still
 *     returns the value
 * @param notBefore the {@code nbf} attribute, reported only
 * @param contentType the content type, or {@code null}
 * @param tags tags
 */
public record VaultSecret(
    String name,
    String value,
    String version,
    boolean enabled,
    Instant expiresOn,
    Instant notBefore,
    String contentType,
    Map<String, String> tags) {

  /** Checks and copies the fields. */
  public VaultSecret {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(value, "value");
    tags =
        tags == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(tags));
  }

  /** An enabled secret without dates. */
  public static VaultSecret of(String name, String value) {
    return new VaultSecret(name, value, null, true, null, null, null, null);
  }

  /** The same secret, disabled. */
  public VaultSecret disabled() {
    return new VaultSecret(name, value, version, false, expiresOn, notBefore, contentType, tags);
  }

  /** The same secret with an expiry. */
  public VaultSecret expiringOn(Instant instant) {
    return new VaultSecret(name, value, version, enabled, instant, notBefore, contentType, tags);
  }

  /** The same secret with a not-before date. */
  public VaultSecret notBefore(Instant instant) {
    return new VaultSecret(name, value, version, enabled, expiresOn, instant, contentType, tags);
  }

  /** The same secret with a content type. */
  public VaultSecret withContentType(String type) {
    return new VaultSecret(name, value, version, enabled, expiresOn, notBefore, type, tags);
  }

  /** The same secret with an explicit version id. */
  public VaultSecret withVersion(String id) {
    return new VaultSecret(name, value, id, enabled, expiresOn, notBefore, contentType, tags);
  }

  @Override
  public String toString() {
    return "VaultSecret[name="
        + name
        + ", value=***, version="
        + version
        + ", enabled="
        + enabled
        + ", expiresOn="
        + expiresOn
        + ", notBefore="
        + notBefore
        + "]";
  }
}
