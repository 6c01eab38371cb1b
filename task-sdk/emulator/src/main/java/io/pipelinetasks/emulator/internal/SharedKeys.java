package io.pipelinetasks.emulator.internal;

import java.security.KeyPair;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * RSA keys shared by every emulator in the JVM, generated on a background thread as soon as this
 * class loads. RSA 2048 key generation takes 100-200 ms per key on the build machines; doing it in
 * the background keeps start-up fast, and sharing keeps a test suite that starts many emulators
 * from paying for it again. Each emulator still signs with its own random key id, and accepts only
 * tokens carrying that id, so one emulator never accepts another's tokens.
 */
public final class SharedKeys {
  private static final ExecutorService GENERATOR =
      Executors.newSingleThreadExecutor(
          runnable -> {
            Thread thread = new Thread(runnable, "azure-emulator-keygen");
            thread.setDaemon(true);
            return thread;
          });

  // Order matters: the demo certificate is needed first (when the demo is configured), the
  // signing keys only when the first token is issued.
  private static final CompletableFuture<KeyPair> DEMO_CERTIFICATE = generate();
  private static final CompletableFuture<KeyPair> ENTRA = generate();
  private static final CompletableFuture<KeyPair> DEVOPS = generate();

  static {
    GENERATOR.shutdown(); // the queued tasks still run; the thread ends afterwards
  }

  private SharedKeys() {}

  private static CompletableFuture<KeyPair> generate() {
    return CompletableFuture.supplyAsync(Pki::rsaKeyPair, GENERATOR);
  }

  /** Starts generating, if it has not started yet. */
  public static void prefetch() {
    // Loading the class is enough.
  }

  /** The key of the demo connection's client certificate. */
  public static CompletableFuture<KeyPair> demoCertificate() {
    return DEMO_CERTIFICATE;
  }

  /** The Entra token-signing key. */
  public static CompletableFuture<KeyPair> entra() {
    return ENTRA;
  }

  /** The Azure DevOps OIDC issuer's signing key. */
  public static CompletableFuture<KeyPair> devOps() {
    return DEVOPS;
  }
}
