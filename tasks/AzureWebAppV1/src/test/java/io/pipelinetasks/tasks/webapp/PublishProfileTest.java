package io.pipelinetasks.tasks.webapp;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class PublishProfileTest {
  private static final String XML =
      "<publishData>"
          + "<publishProfile profileName=\"a - Web Deploy\" publishMethod=\"MSDeploy\""
          + " publishUrl=\"a.scm.azurewebsites.net:443\" userName=\"$a\" userPWD=\"pw1\""
          + " destinationAppUrl=\"https://a.azurewebsites.net\"/>"
          + "<publishProfile profileName=\"a - FTP\" publishMethod=\"FTP\""
          + " publishUrl=\"ftps://x/site/wwwroot\" userName=\"a\\$a\" userPWD=\"pw1\"/>"
          + "<publishProfile profileName=\"a - Zip Deploy\" publishMethod=\"ZipDeploy\""
          + " publishUrl=\"https://a-zip.scm.azurewebsites.net/\" userName=\"$a\""
          + " userPWD=\"pw&amp;2\" destinationAppUrl=\"https://a.azurewebsites.net\"/>"
          + "</publishData>";

  @Test
  void theZipDeployProfileIsPreferred() {
    PublishProfile profile = PublishProfile.parse(XML).orElseThrow();
    assertThat(profile.scmHost()).isEqualTo("a-zip.scm.azurewebsites.net");
    assertThat(profile.userName()).isEqualTo("$a");
    assertThat(profile.password().reveal()).isEqualTo("pw&2");
    assertThat(profile.appUrl()).contains("https://a.azurewebsites.net");
    assertThat(profile.toString()).doesNotContain("pw&2");
  }

  @Test
  void anOlderFileFallsBackToTheWebDeployProfile() {
    String older =
        XML.substring(0, XML.indexOf("<publishProfile profileName=\"a - Zip")) + "</publishData>";
    PublishProfile profile = PublishProfile.parse(older).orElseThrow();
    assertThat(profile.scmHost()).isEqualTo("a.scm.azurewebsites.net:443");
    assertThat(profile.password().reveal()).isEqualTo("pw1");
  }

  @Test
  void somethingElseIsNoProfile() {
    assertThat(PublishProfile.parse("not xml")).isEmpty();
    assertThat(PublishProfile.parse("<publishData/>")).isEqualTo(Optional.empty());
    assertThat(
            PublishProfile.parse(
                "<!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/passwd\">]><publishData/>"))
        .isEmpty();
  }
}
