package io.perfagent.it;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A loopback endpoint that accepts connections and never answers — a Collector behind a dropped
 * route or a hung load balancer — until {@link #forwardTo} restores the path: then the connections
 * it held are reset and new ones are relayed to the real Collector.
 */
final class BlackHole implements AutoCloseable {

  private final ServerSocket server;
  private final List<Socket> held = new ArrayList<>();
  private final AtomicInteger accepted = new AtomicInteger();
  private volatile int forwardPort = -1;
  private volatile long answerDelayMillis;

  BlackHole() throws IOException {
    server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    Thread acceptor = new Thread(this::accept, "black-hole");
    acceptor.setDaemon(true);
    acceptor.start();
  }

  int port() {
    return server.getLocalPort();
  }

  /** Connections accepted while black-holed. */
  int accepted() {
    return accepted.get();
  }

  /** Ends the black hole: held connections are reset, new ones relayed to {@code port}. */
  void forwardTo(int port) {
    forwardTo(port, 0);
  }

  /**
   * Ends the black hole, relaying to {@code port} with every answer held back {@code
   * answerDelayMillis}: a slow Collector (a congested link, a Collector applying back-pressure).
   */
  void forwardTo(int port, long answerDelayMillis) {
    this.answerDelayMillis = answerDelayMillis;
    synchronized (held) {
      forwardPort = port;
      for (Socket s : held) {
        reset(s);
      }
      held.clear();
    }
  }

  private void accept() {
    while (!server.isClosed()) {
      try {
        Socket client = server.accept();
        synchronized (held) {
          if (forwardPort < 0) {
            accepted.incrementAndGet();
            held.add(client); // never read, never answered
            continue;
          }
        }
        relay(client, forwardPort, answerDelayMillis);
      } catch (IOException closed) {
        return;
      }
    }
  }

  private static void relay(Socket client, int port, long answerDelayMillis) {
    try {
      Socket upstream = new Socket();
      upstream.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 2000);
      pump(client.getInputStream(), upstream.getOutputStream(), client, upstream, 0);
      pump(
          upstream.getInputStream(), client.getOutputStream(), upstream, client, answerDelayMillis);
    } catch (IOException e) {
      reset(client);
    }
  }

  private static void pump(
      InputStream in, OutputStream out, Socket from, Socket to, long delayMillis) {
    Thread t =
        new Thread(
            () -> {
              byte[] buffer = new byte[16 * 1024];
              try {
                for (int n; (n = in.read(buffer)) >= 0; ) {
                  if (delayMillis > 0) {
                    Thread.sleep(delayMillis);
                  }
                  out.write(buffer, 0, n);
                  out.flush();
                }
              } catch (IOException | InterruptedException ended) {
                // One side went away; close both below.
              } finally {
                close(from);
                close(to);
              }
            },
            "black-hole-relay");
    t.setDaemon(true);
    t.start();
  }

  private static void reset(Socket s) {
    try {
      s.setSoLinger(true, 0); // RST, as a path that comes back after a timeout would show
    } catch (IOException ignored) {
      // closing anyway
    }
    close(s);
  }

  private static void close(Socket s) {
    try {
      s.close();
    } catch (IOException ignored) {
      // already closed
    }
  }

  @Override
  public void close() throws IOException {
    server.close();
    synchronized (held) {
      for (Socket s : held) {
        close(s);
      }
      held.clear();
    }
  }
}
