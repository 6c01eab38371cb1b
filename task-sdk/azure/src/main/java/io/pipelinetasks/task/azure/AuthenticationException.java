package io.pipelinetasks.task.azure;

import io.pipelinetasks.TaskException;
import java.util.Optional;

/**
 * Getting a token for a service connection failed: a missing or malformed connection field, a
 * failed OIDC token request, or an Entra ID error. For Entra errors the code is the AADSTS code
 * (such as {@code AADSTS700213}) and the message names the connection, says what the code means in
 * a pipeline and what to fix.
 */
public final class AuthenticationException extends TaskException {
  private static final long serialVersionUID = 1L;

  private final String connection;
  private final transient Optional<Integer> entraCode;

  /**
   * Creates an authentication failure.
   *
   * @param code the stable error code: an {@code AADSTS} code or a name such as {@code
   *     AccessTokenMissing}
   * @param connection the service connection concerned, by name or id
   * @param entraCode the numeric AADSTS code, when Entra ID gave one
   * @param message what happened and how to fix it
   */
  public AuthenticationException(
      String code, String connection, Optional<Integer> entraCode, String message) {
    super(code, message);
    this.connection = connection;
    this.entraCode = entraCode;
  }

  /** The service connection concerned. */
  public String connection() {
    return connection;
  }

  /** The AADSTS code Entra ID returned, when there was one. */
  public Optional<Integer> entraCode() {
    return entraCode;
  }
}
