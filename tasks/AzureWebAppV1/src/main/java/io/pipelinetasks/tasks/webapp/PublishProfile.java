package io.pipelinetasks.tasks.webapp;

import io.pipelinetasks.task.Secret;
import java.io.IOException;
import java.io.StringReader;
import java.util.Optional;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;

/**
 * The deployment credentials in a publish-settings file: the SCM host, user and password of its
 * ZipDeploy profile (or, in older files, its MSDeploy profile) and the app's URL.
 *
 * @param scmHost the SCM host, with a port when the profile has one
 * @param userName the publishing user
 * @param password the publishing password
 * @param appUrl the app's URL, when the profile has one
 */
record PublishProfile(String scmHost, String userName, Secret password, Optional<String> appUrl) {

  /**
   * Reads the profile.
   *
   * @param xml the publish-settings XML
   * @return the credentials, or empty when no profile has them
   */
  static Optional<PublishProfile> parse(String xml) {
    try {
      DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
      factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
      factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
      factory.setExpandEntityReferences(false);
      NodeList profiles =
          factory
              .newDocumentBuilder()
              .parse(new InputSource(new StringReader(xml)))
              .getElementsByTagName("publishProfile");
      Optional<PublishProfile> msDeploy = Optional.empty();
      for (int i = 0; i < profiles.getLength(); i++) {
        Element profile = (Element) profiles.item(i);
        Optional<PublishProfile> read = read(profile);
        String method = profile.getAttribute("publishMethod");
        if (method.equalsIgnoreCase("ZipDeploy") && read.isPresent()) {
          return read;
        }
        if (method.equalsIgnoreCase("MSDeploy") && msDeploy.isEmpty()) {
          msDeploy = read;
        }
      }
      return msDeploy;
    } catch (ParserConfigurationException | SAXException | IOException invalid) {
      return Optional.empty();
    }
  }

  private static Optional<PublishProfile> read(Element profile) {
    String url = profile.getAttribute("publishUrl").strip();
    String user = profile.getAttribute("userName");
    String password = profile.getAttribute("userPWD");
    if (url.isEmpty() || user.isEmpty() || password.isEmpty()) {
      return Optional.empty();
    }
    String host = url.replaceFirst("^[a-zA-Z][a-zA-Z0-9+.-]*://", "");
    int slash = host.indexOf('/');
    if (slash >= 0) {
      host = host.substring(0, slash);
    }
    String appUrl = profile.getAttribute("destinationAppUrl").strip();
    return Optional.of(
        new PublishProfile(
            host,
            user,
            Secret.of(password),
            appUrl.isEmpty() ? Optional.empty() : Optional.of(appUrl)));
  }
}
