package io.perfagent.agent.endpoint;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;

/**
 * The dashboard page and its assets, served from the agent jar: the page, its script and style, and
 * uPlot from the {@code org.webjars.npm:uplot} WebJar shaded into the jar, so the page works with
 * no internet access. Loaded on first request and kept (about 60 KB).
 */
final class Dashboard {

  private static final String UPLOT = "/META-INF/resources/webjars/uplot/1.6.30/dist/";

  /** What the page may load: only this endpoint, no inline script. */
  static final String CSP =
      "default-src 'none'; script-src 'self'; style-src 'self'; "
          + "connect-src 'self'; img-src 'self' data:; base-uri 'none'; form-action 'none'";

  private static final ConcurrentHashMap<String, String> CACHE = new ConcurrentHashMap<>();

  private Dashboard() {}

  /** Whether {@code path} names the page or one of its assets (static, no data). */
  static boolean isAsset(String path) {
    switch (path) {
      case "/":
      case "/dashboard/dashboard.js":
      case "/dashboard/dashboard.css":
      case "/dashboard/uPlot.iife.min.js":
      case "/dashboard/uPlot.min.css":
        return true;
      default:
        return false;
    }
  }

  /** The page ({@code /}) or an asset ({@code /dashboard/<name>}); null for an unknown name. */
  static @Nullable Response asset(String path) {
    switch (path) {
      case "/":
        return page("dashboard/dashboard.html", "text/html; charset=utf-8")
            .withHeader("Content-Security-Policy", CSP);
      case "/dashboard/dashboard.js":
        return page("dashboard/dashboard.js", "text/javascript; charset=utf-8");
      case "/dashboard/dashboard.css":
        return page("dashboard/dashboard.css", "text/css; charset=utf-8");
      case "/dashboard/uPlot.iife.min.js":
        return page(UPLOT + "uPlot.iife.min.js", "text/javascript; charset=utf-8");
      case "/dashboard/uPlot.min.css":
        return page(UPLOT + "uPlot.min.css", "text/css; charset=utf-8");
      default:
        return null;
    }
  }

  private static Response page(String resource, String contentType) {
    String body = CACHE.get(resource);
    if (body == null) {
      try (InputStream in = Dashboard.class.getResourceAsStream(resource)) {
        if (in == null) {
          return Response.error(500, "the agent jar lacks " + resource);
        }
        body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      } catch (IOException e) {
        return Response.error(500, "cannot read " + resource + ": " + e.getMessage());
      }
      CACHE.put(resource, body);
    }
    return new Response(200, contentType, body);
  }
}
