package io.pipelinetasks.emulator.internal;

import java.security.KeyPair;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * RSA keys shared by every emulator in the JVM, generated on a background thread that the first
 * {@code start()} launches once its listeners are up. RSA 2048 key generation takes 100-200 ms per
 * key on the build machines (several times that in a cold JVM); nothing on the start path needs
 * one, so start-up does not wait for them, and sharing keeps a test suite that starts many
 * emulators from paying again. Each emulator signs with its own random key id and accepts only
 * tokens carrying it, so one emulator never accepts another's tokens.
 */
public final class SharedKeys {
  private static final CompletableFuture<KeyPair> DEMO_CERTIFICATE = new CompletableFuture<>();
  private static final CompletableFuture<KeyPair> ENTRA = new CompletableFuture<>();
  private static final CompletableFuture<KeyPair> DEVOPS = new CompletableFuture<>();
  private static final AtomicBoolean STARTED = new AtomicBoolean();

  private SharedKeys() {}

  /** Starts generating the keys in the background, once per JVM. */
  public static void prefetch() {
    if (STARTED.compareAndSet(false, true)) {
      Thread thread =
          new Thread(
              () -> {
                // The demo certificate first: the agent environment needs it; tokens next.
                for (CompletableFuture<KeyPair> future : List.of(DEMO_CERTIFICATE, ENTRA, DEVOPS)) {
                  try {
                    future.complete(Pki.rsaKeyPair());
                  } catch (RuntimeException e) {
                    future.completeExceptionally(e);
                  }
                }
              },
              "azure-emulator-keygen");
      thread.setDaemon(true);
      thread.start();
    }
  }

  /** The key of the demo connection's client certificate; completes in the background. */
  public static CompletableFuture<KeyPair> demoCertificate() {
    return DEMO_CERTIFICATE;
  }

  /** The Entra token-signing key; call {@link #join} to wait for it. */
  public static CompletableFuture<KeyPair> entra() {
    return ENTRA;
  }

  /** The Azure DevOps OIDC issuer's signing key; call {@link #join} to wait for it. */
  public static CompletableFuture<KeyPair> devOps() {
    return DEVOPS;
  }

  /** Waits for a key, starting generation first if no emulator has started it yet. */
  public static KeyPair join(CompletableFuture<KeyPair> key) {
    prefetch();
    return key.join();
  }
}
