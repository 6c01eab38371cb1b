package io.pipelinetasks.task;

import io.pipelinetasks.TaskException;

/**
 * A service connection is missing, malformed or lacks a field the task needs. The message names the
 * endpoint id and what to fix, and never contains the connection's credentials.
 */
public final class EndpointException extends TaskException {
  private static final long serialVersionUID = 1L;

  private final String endpointId;

  /**
   * Creates an endpoint failure.
   *
   * @param code the stable error code, such as {@code EndpointNotFound}
   * @param endpointId the id of the endpoint concerned
   * @param message what is wrong and how to fix it
   */
  public EndpointException(String code, String endpointId, String message) {
    super(code, message);
    this.endpointId = endpointId;
  }

  /** The id of the endpoint concerned. */
  public String endpointId() {
    return endpointId;
  }
}
