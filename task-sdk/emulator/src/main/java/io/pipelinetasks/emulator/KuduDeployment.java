package io.pipelinetasks.emulator;

import java.time.Instant;

/**
 * A snapshot of a Kudu deployment record of a web app.
 *
 * @param id the deployment id
 * @param status Kudu's status code: 0 pending, 1 building, 2 deploying, 3 failed, 4 success
 * @param deployer the {@code deployer} query value (or the record's deployer)
 * @param message the {@code message} query value (or the record's message)
 * @param author the author
 * @param active whether this is the active deployment
 * @param receivedTime when the deployment was received
 * @param endTime when it finished, or {@code null}
 */
public record KuduDeployment(
    String id,
    int status,
    String deployer,
    String message,
    String author,
    boolean active,
    Instant receivedTime,
    Instant endTime) {

  /** Status code of a deployment that has been received. */
  public static final int PENDING = 0;

  /** Status code of a deployment that failed. */
  public static final int FAILED = 3;

  /** Status code of a deployment that succeeded. */
  public static final int SUCCESS = 4;
}
