package io.pipelinetasks.emulator;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * A snapshot of what the tasks can change on a web app or slot, for assertions.
 *
 * @param name the site name ({@code app} or {@code app/slot})
 * @param wwwroot the directory Kudu deploys into
 * @param appSettings the application settings
 * @param linuxFxVersion {@code config/web} {@code linuxFxVersion}
 * @param appCommandLine {@code config/web} {@code appCommandLine}
 * @param scmType {@code config/web} {@code scmType}
 * @param basicAuthAllowed the {@code basicPublishingCredentialsPolicies/scm} value
 * @param metadata the {@code config/metadata} properties
 * @param deployments the Kudu deployment records, newest first
 */
public record WebAppState(
    String name,
    Path wwwroot,
    Map<String, String> appSettings,
    String linuxFxVersion,
    String appCommandLine,
    String scmType,
    boolean basicAuthAllowed,
    Map<String, String> metadata,
    List<KuduDeployment> deployments) {

  /** Copies the collections. */
  public WebAppState {
    appSettings = Map.copyOf(appSettings);
    metadata = Map.copyOf(metadata);
    deployments = List.copyOf(deployments);
  }
}
