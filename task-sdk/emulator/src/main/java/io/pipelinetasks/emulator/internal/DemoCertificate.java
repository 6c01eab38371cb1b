package io.pipelinetasks.emulator.internal;

import io.pipelinetasks.emulator.ClientCertificate;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;

/**
 * The demo connection's certificate, made on the key-generation thread so that neither {@code
 * demo()} nor {@code start()} waits for an RSA key. Until it is needed, the demo connection carries
 * {@link #PENDING_PEM} in place of its PEM.
 */
public final class DemoCertificate {
  /** Stands for the demo certificate's PEM in the configuration; replaced when it is read. */
  public static final String PENDING_PEM = "(the emulator's generated demo certificate)";

  private DemoCertificate() {}

  /** Completes once the background key exists; see {@link SharedKeys#prefetch()}. */
  public static CompletableFuture<ClientCertificate> generate() {
    return SharedKeys.demoCertificate()
        .thenApply(
            keys -> {
              Instant now = Instant.now();
              return new ClientCertificate(
                  Pki.selfSignedRsa(
                      keys,
                      "demo-cert",
                      now.minus(Duration.ofHours(1)),
                      now.plus(Duration.ofDays(365))),
                  keys.getPrivate());
            });
  }
}
