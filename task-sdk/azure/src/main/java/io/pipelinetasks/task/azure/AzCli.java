package io.pipelinetasks.task.azure;

import io.pipelinetasks.task.Secret;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Azure CLI command lines for a connection, as AzureCLI@2 runs them (azure-cli-task.md 3.1),
 * with two fixes: a user-assigned managed identity's client id is passed (the official task drops
 * it), and Azure Stack clouds are registered from their metadata instead of assumed to exist.
 */
public final class AzCli {
  private static final Pattern VERSION = Pattern.compile("azure-cli\\s+(\\d+)\\.(\\d+)\\.(\\d+)");
  private static final Version CERTIFICATE_FLAG = new Version(2, 66, 0);
  private static final Version CLIENT_ID_FLAG = new Version(2, 69, 0);

  private AzCli() {}

  /**
   * An Azure CLI version.
   *
   * @param major the major version
   * @param minor the minor version
   * @param patch the patch version
   */
  public record Version(int major, int minor, int patch) implements Comparable<Version> {
    /**
     * Reads the version from {@code az --version} output ({@code azure-cli 2.45.0}).
     *
     * @param output the command's output
     */
    public static Optional<Version> parse(String output) {
      Matcher matcher = VERSION.matcher(output);
      if (!matcher.find()) {
        return Optional.empty();
      }
      return Optional.of(
          new Version(
              Integer.parseInt(matcher.group(1)),
              Integer.parseInt(matcher.group(2)),
              Integer.parseInt(matcher.group(3))));
    }

    @Override
    public int compareTo(Version other) {
      int byMajor = Integer.compare(major, other.major);
      if (byMajor != 0) {
        return byMajor;
      }
      int byMinor = Integer.compare(minor, other.minor);
      return byMinor != 0 ? byMinor : Integer.compare(patch, other.patch);
    }

    /**
     * Whether this version is at least another.
     *
     * @param other the minimum
     */
    public boolean atLeast(Version other) {
      return compareTo(other) >= 0;
    }

    @Override
    public String toString() {
      return major + "." + minor + "." + patch;
    }
  }

  /**
   * What a login needs besides the connection: the idToken for federation, the certificate file for
   * certificate connections.
   *
   * @param idToken the idToken, for workload identity federation
   * @param certificateFile the PEM file, for certificate connections
   */
  public record LoginMaterial(Optional<Secret> idToken, Optional<Path> certificateFile) {
    /** Nothing extra: secret and managed-identity logins. */
    public static LoginMaterial none() {
      return new LoginMaterial(Optional.empty(), Optional.empty());
    }
  }

  /**
   * The arguments of {@code az login} for a connection.
   *
   * @param connection the connection
   * @param version the installed Azure CLI version, which picks the certificate and identity flags
   * @param material the idToken or certificate file the scheme needs
   * @param visible whether az prints its output ({@code visibleAzLogin}); otherwise {@code --output
   *     none}
   * @throws AuthenticationException for a publish-profile connection, or missing material
   */
  public static List<String> login(
      AzureRmConnection connection, Version version, LoginMaterial material, boolean visible) {
    List<String> args = new ArrayList<>();
    args.add("login");
    if (connection instanceof AzureRmConnection.WorkloadIdentityFederation wif) {
      Secret token = material.idToken().orElseThrow(() -> missing(connection, "an idToken"));
      args.addAll(
          List.of(
              "--service-principal",
              "-u",
              wif.clientId(),
              "--tenant",
              wif.tenantId(),
              "--allow-no-subscriptions",
              "--federated-token",
              token.reveal()));
    } else if (connection instanceof AzureRmConnection.ServicePrincipalSecret sp) {
      args.addAll(
          List.of(
              "--service-principal",
              "-u",
              sp.clientId(),
              "--password=" + sp.clientSecret().reveal(),
              "--tenant",
              sp.tenantId(),
              "--allow-no-subscriptions"));
    } else if (connection instanceof AzureRmConnection.ServicePrincipalCertificate sp) {
      Path file =
          material.certificateFile().orElseThrow(() -> missing(connection, "a certificate file"));
      String flag = version.atLeast(CERTIFICATE_FLAG) ? "--certificate=" : "--password=";
      args.addAll(
          List.of(
              "--service-principal",
              "-u",
              sp.clientId(),
              flag + file,
              "--tenant",
              sp.tenantId(),
              "--allow-no-subscriptions"));
    } else if (connection instanceof AzureRmConnection.ManagedServiceIdentity msi) {
      args.add("--identity");
      msi.clientId()
          .ifPresent(
              id -> {
                args.add(version.atLeast(CLIENT_ID_FLAG) ? "--client-id" : "--username");
                args.add(id);
              });
    } else {
      throw new AuthenticationException(
          "AuthSchemeNotSupported",
          connection.endpointId(),
          Optional.empty(),
          "Auth Scheme PublishProfile is not supported by the Azure CLI. Use a service connection"
              + " with workload identity federation, a service principal or a managed identity.");
    }
    if (!visible) {
      args.add("--output");
      args.add("none");
    }
    return args;
  }

  /**
   * The arguments that make the connection's cloud active: {@code cloud set -n <name>}.
   *
   * @param cloud the cloud
   */
  public static List<String> cloudSet(AzureCloud cloud) {
    return List.of("cloud", "set", "-n", cloud.name());
  }

  /**
   * The arguments that register an Azure Stack cloud from its endpoints, for a cloud the agent's
   * Azure CLI does not know yet.
   *
   * @param cloud the cloud
   */
  public static List<String> cloudRegister(AzureCloud cloud) {
    String authority = cloud.authorityHost() + (cloud.adfs() ? "adfs" : "");
    return List.of(
        "cloud",
        "register",
        "-n",
        cloud.name(),
        "--endpoint-resource-manager",
        cloud.resourceManagerUrl(),
        "--endpoint-active-directory",
        authority,
        "--endpoint-active-directory-resource-id",
        cloud.armResource(),
        "--endpoint-active-directory-graph-resource-id",
        cloud.graphUrl(),
        "--suffix-keyvault-dns",
        "." + cloud.keyVaultDnsSuffix());
  }

  /**
   * {@code account set --subscription <id>}, when the connection has a subscription.
   *
   * @param connection the connection
   */
  public static Optional<List<String>> accountSet(AzureRmConnection connection) {
    return connection
        .scope()
        .subscriptionId()
        .filter(id -> !id.isBlank())
        .map(id -> List.of("account", "set", "--subscription", id));
  }

  /** {@code account clear}, which the official task always runs at the end (never logout). */
  public static List<String> accountClear() {
    return List.of("account", "clear");
  }

  private static AuthenticationException missing(AzureRmConnection connection, String what) {
    return new AuthenticationException(
        "LoginMaterialMissing",
        connection.endpointId(),
        Optional.empty(),
        "Cannot log in to the Azure CLI with service connection "
            + connection.endpointId()
            + " without "
            + what
            + ".");
  }
}
