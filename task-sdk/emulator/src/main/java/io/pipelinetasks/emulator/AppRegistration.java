package io.pipelinetasks.emulator;

import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * An Entra app registration with its service principal: the identity behind a service principal or
 * workload identity federation connection. Its credentials are what the token endpoint checks.
 *
 * @param tenantId the home tenant
 * @param clientId the application (client) id
 * @param objectId the service principal's object id, the {@code oid} of its tokens and the
 *     principal of its role assignments
 * @param displayName the name used in error messages
 * @param secrets client secrets
 * @param certificates certificates whose private keys may sign client assertions
 * @param federatedCredentials federated identity credentials
 */
public record AppRegistration(
    String tenantId,
    String clientId,
    String objectId,
    String displayName,
    List<ClientSecret> secrets,
    List<X509Certificate> certificates,
    List<FederatedCredential> federatedCredentials) {

  /** Checks and copies the fields; a missing object id is derived from the client id. */
  public AppRegistration {
    Objects.requireNonNull(tenantId, "tenantId");
    Objects.requireNonNull(clientId, "clientId");
    objectId = objectId == null ? derivedObjectId(clientId) : objectId;
    displayName = displayName == null ? clientId : displayName;
    secrets = List.copyOf(secrets == null ? List.of() : secrets);
    certificates = List.copyOf(certificates == null ? List.of() : certificates);
    federatedCredentials =
        List.copyOf(federatedCredentials == null ? List.of() : federatedCredentials);
  }

  /** An app without credentials. */
  public static AppRegistration of(String tenantId, String clientId) {
    return new AppRegistration(tenantId, clientId, null, null, null, null, null);
  }

  /** The same app with another display name. */
  public AppRegistration withDisplayName(String name) {
    return new AppRegistration(
        tenantId, clientId, objectId, name, secrets, certificates, federatedCredentials);
  }

  /** The same app with another service principal object id. */
  public AppRegistration withObjectId(String id) {
    return new AppRegistration(
        tenantId, clientId, id, displayName, secrets, certificates, federatedCredentials);
  }

  /** The same app with one more secret that never expires. */
  public AppRegistration withSecret(String value) {
    return withSecret(ClientSecret.of(value));
  }

  /** The same app with one more secret that expires at {@code expiresOn}. */
  public AppRegistration withSecret(String value, Instant expiresOn) {
    return withSecret(new ClientSecret(value, expiresOn));
  }

  /** The same app with one more secret. */
  public AppRegistration withSecret(ClientSecret secret) {
    List<ClientSecret> list = new ArrayList<>(secrets);
    list.add(secret);
    return new AppRegistration(
        tenantId, clientId, objectId, displayName, list, certificates, federatedCredentials);
  }

  /** The same app with one more certificate credential. */
  public AppRegistration withCertificate(X509Certificate certificate) {
    List<X509Certificate> list = new ArrayList<>(certificates);
    list.add(Objects.requireNonNull(certificate, "certificate"));
    return new AppRegistration(
        tenantId, clientId, objectId, displayName, secrets, list, federatedCredentials);
  }

  /** The same app with one more federated credential for the token-exchange audience. */
  public AppRegistration withFederatedCredential(String issuer, String subject) {
    return withFederatedCredential(FederatedCredential.of(issuer, subject));
  }

  /** The same app with one more federated credential. */
  public AppRegistration withFederatedCredential(FederatedCredential credential) {
    List<FederatedCredential> list = new ArrayList<>(federatedCredentials);
    list.add(Objects.requireNonNull(credential, "credential"));
    return new AppRegistration(
        tenantId, clientId, objectId, displayName, secrets, certificates, list);
  }

  /** A stable object id for a client id, so ids do not change between runs. */
  static String derivedObjectId(String clientId) {
    return UUID.nameUUIDFromBytes(("principal:" + clientId).getBytes(StandardCharsets.UTF_8))
        .toString();
  }
}
