package io.pipelinetasks.emulator;

import com.azure.core.credential.AccessToken;
import com.azure.core.credential.TokenRequestContext;
import com.azure.identity.ManagedIdentityCredentialBuilder;

/**
 * Run in a child JVM by {@link ManagedIdentityIT}: MSAL chooses the managed-identity source from
 * the real process environment only, so the emulator's variables have to be in a fresh process.
 * Prints {@code TOKEN <jwt>} or {@code ERROR <message>}.
 */
final class ManagedIdentityProbe {
  private ManagedIdentityProbe() {}

  public static void main(String[] args) {
    ManagedIdentityCredentialBuilder builder = new ManagedIdentityCredentialBuilder();
    if (args.length > 1) {
      builder.clientId(args[1]);
    }
    try {
      AccessToken token =
          builder.build().getTokenSync(new TokenRequestContext().addScopes(args[0]));
      System.out.println("TOKEN " + token.getToken());
    } catch (RuntimeException e) {
      System.out.println("ERROR " + e.getMessage());
    }
  }
}
