package io.pipelinetasks.emulator.internal;

/** Ends request handling early with a prepared response; never carries a secret. */
final class ApiException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  final transient Res response;

  ApiException(Res response) {
    super("HTTP " + response.status, null, false, false);
    this.response = response;
  }
}
