package shop;

import com.sun.net.httpserver.HttpServer;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The load benchmark's web application: a JDK HttpServer with a controller, a service and a
 * repository per request (three measured calls), on a loopback ephemeral port. Prints {@code READY
 * port=<n>} when it serves and exits when stdin says {@code exit} or closes.
 */
public final class ShopServer {

  private ShopServer() {}

  public static void main(String[] args) throws Exception {
    // Headers and body leave in two writes; without TCP_NODELAY, Nagle's algorithm holds the second
    // for the client's delayed ACK (40 ms on Linux) on every keep-alive request.
    System.setProperty("sun.net.httpserver.nodelay", "true");
    OwnerController controller =
        new OwnerController(new OwnerService(new OwnerRepository(1_000)));
    HttpServer server =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 256);
    ExecutorService workers = Executors.newFixedThreadPool(4);
    server.setExecutor(workers);
    server.createContext(
        "/owners/",
        exchange -> {
          byte[] body;
          int status;
          try {
            String path = exchange.getRequestURI().getPath();
            int id = Integer.parseInt(path.substring(path.lastIndexOf('/') + 1));
            body = controller.show(id).getBytes(StandardCharsets.UTF_8);
            status = 200;
          } catch (RuntimeException bad) {
            body = ("{\"error\":\"" + bad.getClass().getSimpleName() + "\"}").getBytes(StandardCharsets.UTF_8);
            status = 404;
          }
          exchange.getResponseHeaders().set("Content-Type", "application/json");
          exchange.sendResponseHeaders(status, body.length);
          try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
          }
        });
    server.start();
    System.out.println("READY port=" + server.getAddress().getPort());
    System.out.flush();
    BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
    for (String line; (line = in.readLine()) != null && !line.equals("exit"); ) {
      // wait for the harness
    }
    server.stop(0);
    workers.shutdownNow();
    System.exit(0);
  }
}
