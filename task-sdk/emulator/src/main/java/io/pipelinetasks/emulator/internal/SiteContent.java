package io.pipelinetasks.emulator.internal;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

/** The web app itself at {@code <site>.azurewebsites.net}: the static files of its wwwroot. */
final class SiteContent {
  private static final Map<String, String> TYPES =
      Map.of(
          "html", "text/html; charset=utf-8",
          "htm", "text/html; charset=utf-8",
          "txt", "text/plain; charset=utf-8",
          "css", "text/css; charset=utf-8",
          "js", "text/javascript; charset=utf-8",
          "json", "application/json; charset=utf-8",
          "png", "image/png",
          "svg", "image/svg+xml");

  Res handle(Req req, Model.Site site) {
    if (!req.method.equals("GET") && !req.method.equals("HEAD")) {
      return Res.text(405, "text/plain; charset=utf-8", "Method not allowed");
    }
    Path wwwroot = site.wwwroot();
    Path file = wwwroot.resolve(req.path.replaceFirst("^/+", "")).normalize();
    if (!file.startsWith(wwwroot)) {
      return Res.text(400, "text/plain; charset=utf-8", "Bad path");
    }
    if (Files.isDirectory(file)) {
      for (String index : new String[] {"index.html", "default.html", "hostingstart.html"}) {
        if (Files.isRegularFile(file.resolve(index))) {
          file = file.resolve(index);
          break;
        }
      }
    }
    if (Files.isRegularFile(file)) {
      String name = file.getFileName().toString();
      int dot = name.lastIndexOf('.');
      String type =
          dot < 0
              ? "application/octet-stream"
              : TYPES.getOrDefault(
                  name.substring(dot + 1).toLowerCase(Locale.ROOT), "application/octet-stream");
      return Res.file(200, type, file);
    }
    if (req.path.equals("/")) {
      return Res.text(
          200,
          "text/html; charset=utf-8",
          "<html><body><h1>"
              + site.label
              + "</h1><p>Your web app is running and waiting for your"
              + " content (pipelinetasks emulator).</p></body></html>");
    }
    return Res.text(404, "text/plain; charset=utf-8", "Not found");
  }
}
