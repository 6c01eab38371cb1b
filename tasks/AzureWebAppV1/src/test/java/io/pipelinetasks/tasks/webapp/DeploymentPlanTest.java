package io.pipelinetasks.tasks.webapp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pipelinetasks.TaskException;
import io.pipelinetasks.tasks.webapp.AppPackage.Kind;
import io.pipelinetasks.tasks.webapp.AzureWebAppInputs.DeploymentMethod;
import io.pipelinetasks.tasks.webapp.DeploymentPlan.Method;
import io.pipelinetasks.tasks.webapp.DeploymentPlan.Packaging;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The official provider matrix (azure-webapp-task.md section 4). */
class DeploymentPlanTest {

  private static DeploymentPlan plan(
      boolean linux, Kind kind, DeploymentMethod method, boolean publishProfile) {
    return DeploymentPlan.choose(linux, kind, method, publishProfile, () -> false, key -> key);
  }

  @Test
  void linuxZipsAndFoldersGoThroughZipDeployWhateverTheMethodInput() {
    for (DeploymentMethod method : DeploymentMethod.values()) {
      assertThat(plan(true, Kind.ZIP, method, false))
          .isEqualTo(new DeploymentPlan(Method.ZIP_DEPLOY, List.of(), Map.of(), Packaging.AS_IS));
      assertThat(plan(true, Kind.FOLDER, method, false).packaging())
          .isEqualTo(Packaging.ZIP_FOLDER);
    }
  }

  @Test
  void aLinuxJarIsZippedOnItsOwnAndDropsInitScript() {
    assertThat(plan(true, Kind.JAR, DeploymentMethod.AUTO, false))
        .isEqualTo(
            new DeploymentPlan(
                Method.ZIP_DEPLOY, List.of("INIT_SCRIPT"), Map.of(), Packaging.ZIP_JAR));
  }

  @Test
  void warsUseWarDeployOnBothSystems() {
    assertThat(plan(true, Kind.WAR, DeploymentMethod.AUTO, false).method())
        .isEqualTo(Method.WAR_DEPLOY);
    assertThat(plan(false, Kind.WAR, DeploymentMethod.RUN_FROM_PACKAGE, false).method())
        .isEqualTo(Method.WAR_DEPLOY);
  }

  @Test
  void windowsAutoIsRunFromPackageExceptWithAPublishProfile() {
    DeploymentPlan auto = plan(false, Kind.ZIP, DeploymentMethod.AUTO, false);
    assertThat(auto.method()).isEqualTo(Method.RUN_FROM_PACKAGE);
    assertThat(auto.setSettings()).containsExactly(Map.entry("WEBSITE_RUN_FROM_PACKAGE", "1"));
    assertThat(auto.removeSettings()).containsExactly("WEBSITE_RUN_FROM_ZIP");
    assertThat(auto.recordsDeployment()).isFalse();
    assertThat(plan(false, Kind.FOLDER, DeploymentMethod.AUTO, true).method())
        .isEqualTo(Method.ZIP_DEPLOY);
  }

  @Test
  void windowsZipDeployRemovesTheRunFromPackageSettings() {
    DeploymentPlan zip = plan(false, Kind.ZIP, DeploymentMethod.ZIP_DEPLOY, false);
    assertThat(zip.method()).isEqualTo(Method.ZIP_DEPLOY);
    assertThat(zip.removeSettings())
        .containsExactly("WEBSITE_RUN_FROM_PACKAGE", "WEBSITE_RUN_FROM_ZIP");
    assertThat(zip.recordsDeployment()).isTrue();
  }

  @Test
  void aWindowsJarIsZipDeployedWithAWebConfig() {
    DeploymentPlan jar = plan(false, Kind.JAR, DeploymentMethod.RUN_FROM_PACKAGE, false);
    assertThat(jar.method()).isEqualTo(Method.ZIP_DEPLOY);
    assertThat(jar.packaging()).isEqualTo(Packaging.ZIP_JAR_WITH_WEB_CONFIG);
  }

  @Test
  void anMsBuildPackageOnWindowsFailsWithTheOfficialMessage() {
    assertThatThrownBy(
            () ->
                DeploymentPlan.choose(
                    false, Kind.ZIP, DeploymentMethod.AUTO, false, () -> true, key -> "msg:" + key))
        .isInstanceOf(TaskException.class)
        .hasMessage("msg:MSBuildPackageNotSupported");
  }

  @Test
  void uploadPathsCarryTheOfficialQueryStrings() {
    String message = "{\"type\":\"Deployment\"}";
    assertThat(plan(true, Kind.ZIP, DeploymentMethod.AUTO, false).uploadPath("x", message))
        .isEqualTo("/api/zipdeploy?isAsync=true&deployer=VSTS_ZIP_DEPLOY");
    assertThat(plan(false, Kind.ZIP, DeploymentMethod.AUTO, false).uploadPath("x", message))
        .isEqualTo(
            "/api/zipdeploy?isAsync=true&deployer=VSTS&message=%7B%22type%22%3A%22Deployment%22%7D");
    assertThat(plan(false, Kind.WAR, DeploymentMethod.AUTO, false).uploadPath("my app", message))
        .startsWith("/api/wardeploy?isAsync=true&name=my+app&message=%7B");
  }
}
