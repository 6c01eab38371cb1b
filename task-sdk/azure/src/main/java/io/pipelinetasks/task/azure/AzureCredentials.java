package io.pipelinetasks.task.azure;

import com.azure.core.credential.AccessToken;
import com.azure.core.credential.TokenCredential;
import com.azure.core.credential.TokenRequestContext;
import com.azure.core.http.HttpClient;
import com.azure.core.http.jdk.httpclient.JdkHttpClientBuilder;
import com.azure.identity.ClientAssertionCredentialBuilder;
import com.azure.identity.ClientCertificateCredentialBuilder;
import com.azure.identity.ClientSecretCredentialBuilder;
import com.azure.identity.ManagedIdentityCredentialBuilder;
import io.pipelinetasks.task.Secret;
import io.pipelinetasks.task.TaskContext;
import io.pipelinetasks.task.azure.internal.CertificatePem;
import java.io.ByteArrayInputStream;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import reactor.core.publisher.Mono;

/**
 * Turns an AzureRM connection into an Azure Identity credential and an HTTP client:
 *
 * <ul>
 *   <li>ServicePrincipal with a secret: {@code ClientSecretCredential};
 *   <li>ServicePrincipal with a certificate: {@code ClientCertificateCredential}, from an in-memory
 *       PKCS#12 made from the connection's PEM (PKCS#1 and EC keys converted);
 *   <li>WorkloadIdentityFederation: {@code ClientAssertionCredential} whose assertion supplier asks
 *       Azure DevOps for a fresh idToken for every exchange, so jobs longer than the idToken's ten
 *       minutes keep working (the official tasks fetch it once and fail with AADSTS700024);
 *   <li>ManagedServiceIdentity: {@code ManagedIdentityCredential}, user-assigned when the
 *       connection names a client id (the official tasks drop it).
 * </ul>
 *
 * <p>Each credential runs against the connection's authority, with instance discovery disabled
 * where the authority is not a public Entra host, over the JDK HTTP client (no netty) with the
 * agent's proxy and CA. Failures become {@link AuthenticationException}s naming the connection.
 */
public final class AzureCredentials {
  private AzureCredentials() {}

  /**
   * The credential and client for a connection.
   *
   * @param context the task context
   * @param connection the connection
   * @throws AuthenticationException for a publish-profile connection, which has no Entra identity,
   *     or a malformed certificate
   */
  public static AzureAuth create(TaskContext context, AzureRmConnection connection) {
    HttpClient http = httpClient(context);
    AzureCloud cloud = connection.cloud();
    String tenant = cloud.adfs() ? "adfs" : connection.tenantId();
    AtomicReference<IdTokenClaims> lastIdToken = new AtomicReference<>();
    TokenCredential credential = credential(context, connection, http, tenant, lastIdToken);
    return new AzureAuth(
        connection,
        new MappedCredential(
            credential,
            connection,
            lastIdToken,
            context.system().collectionUri(),
            context.system().teamProject()),
        http);
  }

  // Java 17 has no pattern matching in switch, so the sealed type is matched with instanceof.
  private static TokenCredential credential(
      TaskContext context,
      AzureRmConnection connection,
      HttpClient http,
      String tenant,
      AtomicReference<IdTokenClaims> lastIdToken) {
    AzureCloud cloud = connection.cloud();
    String authority = cloud.authorityHost();
    if (connection instanceof AzureRmConnection.ServicePrincipalSecret sp) {
      return discovery(
              cloud,
              new ClientSecretCredentialBuilder()
                  .httpClient(http)
                  .authorityHost(authority)
                  .tenantId(tenant)
                  .clientId(sp.clientId())
                  .clientSecret(sp.clientSecret().reveal()))
          .build();
    }
    if (connection instanceof AzureRmConnection.ServicePrincipalCertificate sp) {
      return discovery(
              cloud,
              new ClientCertificateCredentialBuilder()
                  .httpClient(http)
                  .authorityHost(authority)
                  .tenantId(tenant)
                  .clientId(sp.clientId())
                  .pfxCertificate(new ByteArrayInputStream(pkcs12(sp)))
                  .clientCertificatePassword(""))
          .build();
    }
    if (connection instanceof AzureRmConnection.WorkloadIdentityFederation wif) {
      OidcTokenClient oidc = OidcTokenClient.of(context);
      return discovery(
              cloud,
              new ClientAssertionCredentialBuilder()
                  .httpClient(http)
                  .authorityHost(authority)
                  .tenantId(tenant)
                  .clientId(wif.clientId())
                  .clientAssertion(
                      () -> {
                        Secret token = oidc.idToken(wif.endpointId());
                        IdTokenClaims.of(token).ifPresent(lastIdToken::set);
                        return token.reveal();
                      }))
          .build();
    }
    if (connection instanceof AzureRmConnection.ManagedServiceIdentity msi) {
      ManagedIdentityCredentialBuilder builder =
          new ManagedIdentityCredentialBuilder().httpClient(http);
      msi.clientId().ifPresent(builder::clientId);
      return builder.build();
    }
    throw new AuthenticationException(
        "PublishProfileNotSupported",
        connection.endpointId(),
        Optional.empty(),
        "Service connection "
            + connection.endpointId()
            + " uses a publish profile, which holds App Service deployment credentials but no"
            + " Entra ID identity, so it cannot get tokens. Use a connection with workload"
            + " identity federation, a service principal or a managed identity.");
  }

  /**
   * The azure-core HTTP client the SDK uses: the JDK client with the agent's CA, client certificate
   * and proxy.
   *
   * @param context the task context
   */
  public static HttpClient httpClient(TaskContext context) {
    return new JdkHttpClientBuilder(context.http().httpClientBuilder()).build();
  }

  private static <T extends com.azure.identity.AadCredentialBuilderBase<T>> T discovery(
      AzureCloud cloud, T builder) {
    return cloud.publicAuthority() ? builder : builder.disableInstanceDiscovery();
  }

  private static byte[] pkcs12(AzureRmConnection.ServicePrincipalCertificate sp) {
    try {
      return CertificatePem.toPkcs12(sp.certificatePem().reveal());
    } catch (CertificatePem.InvalidPemException invalid) {
      throw new AuthenticationException(
          "CertificateInvalid",
          sp.endpointId(),
          Optional.empty(),
          "The certificate of service connection "
              + sp.endpointId()
              + " cannot be used: "
              + invalid.getMessage()
              + ". The connection needs one PEM with the certificate and its unencrypted private"
              + " key.");
    }
  }

  /** Maps failures of the wrapped credential to errors naming the connection and the fix. */
  private static final class MappedCredential implements TokenCredential {
    private final TokenCredential delegate;
    private final AzureRmConnection connection;
    private final AtomicReference<IdTokenClaims> lastIdToken;
    private final Optional<String> collectionUri;
    private final Optional<String> project;

    MappedCredential(
        TokenCredential delegate,
        AzureRmConnection connection,
        AtomicReference<IdTokenClaims> lastIdToken,
        Optional<String> collectionUri,
        Optional<String> project) {
      this.delegate = delegate;
      this.connection = connection;
      this.lastIdToken = lastIdToken;
      this.collectionUri = collectionUri;
      this.project = project;
    }

    @Override
    public Mono<AccessToken> getToken(TokenRequestContext request) {
      return delegate.getToken(request).onErrorMap(this::map);
    }

    @Override
    public AccessToken getTokenSync(TokenRequestContext request) {
      try {
        return delegate.getTokenSync(request);
      } catch (RuntimeException failure) {
        throw map(failure);
      }
    }

    private AuthenticationException map(Throwable failure) {
      Throwable cause = failure;
      while (cause != null) {
        if (cause instanceof AuthenticationException own) {
          return own;
        }
        cause = cause.getCause();
      }
      return EntraErrors.map(
          failure, connection, Optional.ofNullable(lastIdToken.get()), collectionUri, project);
    }
  }
}
