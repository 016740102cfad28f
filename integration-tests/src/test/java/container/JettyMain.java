package container;

import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import org.eclipse.jetty.ee10.webapp.WebAppContext;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;

/**
 * Starts an embedded Jetty on a free loopback port, deploys the exploded web application at {@code
 * args[0]} under {@code /shop} (Jetty's web-application class loader: the application's own classes
 * and jars first), sends it {@code args[1]} requests, prints each answer as {@code RESULT
 * order.<i>=<body>}, and stops.
 */
public final class JettyMain {

  private JettyMain() {}

  public static void main(String[] args) throws Exception {
    int requests = Integer.parseInt(args[1]);
    Server server = new Server();
    ServerConnector connector = new ServerConnector(server);
    connector.setHost("127.0.0.1");
    connector.setPort(0);
    server.addConnector(connector);
    WebAppContext shop = new WebAppContext();
    shop.setContextPath("/shop");
    shop.setWar(args[0]);
    shop.addServlet("webapp.OrderServlet", "/order");
    server.setHandler(shop);
    server.start();
    try {
      for (int i = 1; i <= requests; i++) {
        System.out.println(
            "RESULT order." + i + "=" + get(connector.getLocalPort(), "/shop/order?id=" + i));
      }
    } finally {
      server.stop();
    }
    System.out.println("DONE");
  }

  private static String get(int port, String path) throws Exception {
    HttpURLConnection c =
        (HttpURLConnection) new URL("http://127.0.0.1:" + port + path).openConnection();
    try (InputStream in = c.getInputStream()) {
      return c.getResponseCode() + " " + new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } finally {
      c.disconnect();
    }
  }
}
