package io.pipelinetasks.tasks.webapp;

/**
 * The web.config that lets IIS on a Windows App Service start a Spring Boot style jar: the HTTP
 * platform handler runs the App Service's Java with the jar and passes it the port to listen on. A
 * jar deployed to Windows gets one, since IIS would otherwise not know how to run it.
 */
final class JavaWebConfig {
  private JavaWebConfig() {}

  /**
   * The web.config for a jar deployed to {@code site/wwwroot}.
   *
   * @param jarFileName the jar's file name
   */
  static String forJar(String jarFileName) {
    String jar =
        jarFileName
            .replace("&", "&amp;")
            .replace("\"", "&quot;")
            .replace("<", "&lt;")
            .replace(">", "&gt;");
    return String.join(
        "\r\n",
        "<?xml version=\"1.0\" encoding=\"utf-8\"?>",
        "<configuration>",
        "  <system.webServer>",
        "    <handlers>",
        "      <add name=\"httpPlatformHandler\" path=\"*\" verb=\"*\""
            + " modules=\"httpPlatformHandler\" resourceType=\"Unspecified\" />",
        "    </handlers>",
        "    <httpPlatform processPath=\"%JAVA_HOME%\\bin\\java.exe\""
            + " arguments=\"-Djava.net.preferIPv4Stack=true -Dserver.port=%HTTP_PLATFORM_PORT%"
            + " -jar &quot;%HOME%\\site\\wwwroot\\"
            + jar
            + "&quot;\" />",
        "  </system.webServer>",
        "</configuration>",
        "");
  }
}
