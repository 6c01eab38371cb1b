package io.pipelinetasks.tasks.keyvault;

import com.azure.core.credential.TokenCredential;
import com.azure.core.http.HttpClient;
import com.azure.core.http.policy.FixedDelayOptions;
import com.azure.core.http.policy.RetryOptions;
import com.azure.core.http.rest.PagedIterable;
import com.azure.core.http.rest.PagedResponse;
import com.azure.core.util.Context;
import com.azure.security.keyvault.secrets.SecretClient;
import com.azure.security.keyvault.secrets.SecretClientBuilder;
import com.azure.security.keyvault.secrets.models.KeyVaultSecret;
import com.azure.security.keyvault.secrets.models.SecretProperties;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;

/** {@link Vault} on the Key Vault secrets SDK. */
final class SdkVault implements Vault {
  // The JDK HTTP client reads this context key as the time to wait for the response.
  private static final String RESPONSE_TIMEOUT = "azure-response-timeout";

  private final SecretClient client;

  private SdkVault(SecretClient client) {
    this.client = client;
  }

  /**
   * A client for one vault.
   *
   * @param vaultUrl the vault URL
   * @param credential the service connection's credential
   * @param httpClient the HTTP client with the agent's proxy and CA
   * @param verifyChallengeResource whether the SDK checks that the vault's authentication challenge
   *     names a resource of the vault's own domain (see {@link VaultNames#isKeyVaultHost})
   */
  static SdkVault create(
      String vaultUrl,
      TokenCredential credential,
      HttpClient httpClient,
      boolean verifyChallengeResource) {
    SecretClientBuilder builder =
        new SecretClientBuilder()
            .vaultUrl(vaultUrl)
            .credential(credential)
            .httpClient(httpClient)
            // No retries in the SDK: Retrier is the only retry layer, so a throttled request is
            // never retried by both, and every attempt counts against the task's deadline.
            .retryOptions(new RetryOptions(new FixedDelayOptions(0, Duration.ZERO)));
    if (!verifyChallengeResource) {
      builder.disableChallengeResourceVerification();
    }
    return new SdkVault(builder.buildClient());
  }

  @Override
  public Page list(Optional<String> nextLink, Duration timeout) {
    PagedIterable<SecretProperties> pages = client.listPropertiesOfSecrets(context(timeout));
    // One request: the SDK fetches a page only when its iterator is advanced.
    Iterator<PagedResponse<SecretProperties>> iterator =
        (nextLink.isPresent() ? pages.iterableByPage(nextLink.get()) : pages.iterableByPage())
            .iterator();
    if (!iterator.hasNext()) {
      return new Page(List.of(), Optional.empty());
    }
    PagedResponse<SecretProperties> page = iterator.next();
    try (page) {
      List<Listed> secrets = new ArrayList<>();
      for (SecretProperties properties : page.getValue()) {
        secrets.add(new Listed(properties.getName(), attributes(properties)));
      }
      return new Page(
          secrets,
          Optional.ofNullable(page.getContinuationToken()).filter(link -> !link.isBlank()));
    } catch (IOException closeFailed) {
      throw new UncheckedIOException(closeFailed);
    }
  }

  @Override
  public Fetched get(SecretRef secret, Duration timeout) {
    KeyVaultSecret found =
        client
            .getSecretWithResponse(secret.name(), secret.version().orElse(null), context(timeout))
            .getValue();
    String value = found.getValue() == null ? "" : found.getValue();
    return new Fetched(value, attributes(found.getProperties()));
  }

  private static Context context(Duration timeout) {
    return new Context(RESPONSE_TIMEOUT, timeout);
  }

  private static SecretAttributes attributes(SecretProperties properties) {
    if (properties == null) {
      return SecretAttributes.PLAIN;
    }
    Boolean enabled = properties.isEnabled();
    return new SecretAttributes(
        enabled == null || enabled,
        Optional.ofNullable(properties.getExpiresOn()).map(OffsetDateTime::toInstant),
        Optional.ofNullable(properties.getNotBefore()).map(OffsetDateTime::toInstant));
  }
}
