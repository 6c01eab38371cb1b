package io.pipelinetasks.emulator.internal;

import io.pipelinetasks.emulator.KuduDeployment;
import io.pipelinetasks.emulator.WebAppState;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;

/** Public snapshots of the mutable web-app state, and changes to it from tests. */
public final class Snapshots {
  private Snapshots() {}

  private static Model.Site site(Model model, String name, String slot) {
    for (Model.Site site : model.allSites()) {
      if (site.app.name().equalsIgnoreCase(name)
          && (slot == null ? site.slot == null : slot.equalsIgnoreCase(site.slot))) {
        return site;
      }
    }
    throw new IllegalArgumentException(
        "No web app " + name + (slot == null ? "" : " with slot " + slot));
  }

  public static WebAppState webApp(Model model, String name, String slot) {
    Model.Site site = site(model, name, slot);
    synchronized (site) {
      List<KuduDeployment> deployments = new ArrayList<>();
      for (Model.Deployment d : site.deployments) {
        deployments.add(
            new KuduDeployment(
                d.id, d.status, d.deployer, d.message, d.author, d.active, d.received, d.end));
      }
      return new WebAppState(
          site.displayName(),
          site.wwwroot(),
          new LinkedHashMap<>(site.appSettings),
          site.siteConfig().path("linuxFxVersion").asText(""),
          site.siteConfig().path("appCommandLine").asText(""),
          site.siteConfig().path("scmType").asText(""),
          site.basicScm,
          new LinkedHashMap<>(site.metadata),
          deployments);
    }
  }

  public static void configureDeployments(
      Model model, String name, String slot, Duration duration, String failure) {
    Model.Site site = site(model, name, slot);
    site.deploymentDuration = duration;
    site.deploymentFailure = failure;
  }
}
