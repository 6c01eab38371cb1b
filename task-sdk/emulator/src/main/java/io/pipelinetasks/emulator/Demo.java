package io.pipelinetasks.emulator;

import java.time.Instant;
import java.util.Map;

/**
 * The fixed demo organisation that {@link AzureEmulator.Builder#demo()} adds, so documentation,
 * tests and the demo can rely on its names and ids. The README lists every value.
 */
public final class Demo {
  /** The Entra tenant of every demo identity and resource. */
  public static final String TENANT_ID = "de300000-0000-4000-8000-000000000001";

  /** The Azure DevOps organisation name. */
  public static final String ORGANIZATION = "demo-org";

  /** The organisation (collection) id; part of the Azure DevOps OIDC issuer. */
  public static final String ORGANIZATION_ID = "de300000-0000-4000-8000-000000000002";

  /** The project name. */
  public static final String PROJECT = "demo-project";

  /** The project id. */
  public static final String PROJECT_ID = "de300000-0000-4000-8000-000000000003";

  /** The plan id of the running job. */
  public static final String PLAN_ID = "de300000-0000-4000-8000-000000000004";

  /** The job id of the running job. */
  public static final String JOB_ID = "de300000-0000-4000-8000-000000000005";

  /** The subscription id. */
  public static final String SUBSCRIPTION_ID = "de300000-0000-4000-8000-000000000010";

  /** The subscription display name. */
  public static final String SUBSCRIPTION_NAME = "demo-sub";

  /** The resource group holding every demo resource. */
  public static final String RESOURCE_GROUP = "demo-rg";

  /** The region of every demo resource. */
  public static final String LOCATION = "westeurope";

  /** The Key Vault. */
  public static final String VAULT = "demo-kv";

  /** The Linux web app. */
  public static final String WEB_APP = "demo-app";

  /** The deployment slot of {@link #WEB_APP}. */
  public static final String SLOT = "staging";

  /** The Windows web app; Kudu Basic authentication is disabled on it. */
  public static final String WINDOWS_WEB_APP = "demo-winapp";

  /** The client id of the emulated host's system-assigned managed identity. */
  public static final String SYSTEM_ASSIGNED_CLIENT_ID = "de300000-0000-4000-8000-000000000035";

  /** The name of the user-assigned managed identity behind {@link DemoConnection#MSI}. */
  public static final String USER_ASSIGNED_IDENTITY = "demo-msi-identity";

  /** The client secret of {@link DemoConnection#SECRET}; a demo value, not a secret. */
  public static final String CLIENT_SECRET = "dem0Q~EmulatorDemoSecretNotForProduction01";

  /** A single-line secret. */
  public static final String SECRET_PASSWORD = "demo-password";

  /** A connection string. */
  public static final String SECRET_CONNECTION_STRING = "demo-connection-string";

  /** A multi-line secret that is not JSON. */
  public static final String SECRET_MULTILINE = "demo-multiline";

  /** A multi-line JSON secret. */
  public static final String SECRET_JSON = "demo-json";

  /** A secret with two versions; the newer one is current. */
  public static final String SECRET_ROTATED = "demo-rotated";

  /** A disabled secret: listed, but {@code get} answers 403 {@code SecretDisabled}. */
  public static final String SECRET_DISABLED = "demo-disabled";

  /** A secret whose {@code exp} is in the past. */
  public static final String SECRET_EXPIRED = "demo-expired";

  /** A secret whose {@code nbf} is in the future. */
  public static final String SECRET_NOT_YET_VALID = "demo-not-yet-valid";

  /** When {@link #SECRET_EXPIRED} expired. */
  public static final Instant EXPIRED_ON = Instant.parse("2024-01-01T00:00:00Z");

  /** When {@link #SECRET_NOT_YET_VALID} becomes valid. */
  public static final Instant NOT_BEFORE = Instant.parse("2099-01-01T00:00:00Z");

  /** The current value of every demo secret, by name. */
  public static final Map<String, String> SECRET_VALUES =
      Map.of(
          SECRET_PASSWORD, "Demo-P@ssw0rd-1",
          SECRET_CONNECTION_STRING,
              "Server=tcp:demo-sql.database.windows.net,1433;Database=demo;"
                  + "User ID=demo;Password=Demo-P@ssw0rd-2;Encrypt=true;",
          SECRET_MULTILINE,
              "-----BEGIN DEMO KEY-----\nZGVtbyBsaW5lIG9uZQ==\nZGVtbyBsaW5lIHR3bw==\n-----END DEMO KEY-----",
          SECRET_JSON, "{\n  \"user\": \"demo\",\n  \"password\": \"Demo-P@ssw0rd-3\"\n}",
          SECRET_ROTATED, "rotated-value-2",
          SECRET_DISABLED, "disabled-value",
          SECRET_EXPIRED, "expired-value",
          SECRET_NOT_YET_VALID, "future-value");

  /** The value of the older version of {@link #SECRET_ROTATED}. */
  public static final String ROTATED_OLD_VALUE = "rotated-value-1";

  private Demo() {}
}
