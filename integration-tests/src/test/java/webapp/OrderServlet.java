package webapp;

import io.perfagent.api.Counter;
import io.perfagent.api.PerfMetrics;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * A servlet of a web application that bundles the perf-agent annotations jar in {@code
 * WEB-INF/lib}, as a WAR does: its measured method and its own counter must reach the agent
 * although the container's web-application class loader looks in the application first.
 */
public class OrderServlet extends HttpServlet {

  private static final long serialVersionUID = 1L;
  private static final Counter ORDERS = PerfMetrics.counter("shop.web.orders", "{order}");

  @Override
  protected void doGet(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    int id = Integer.parseInt(request.getParameter("id"));
    String body;
    try {
      body = "price=" + Pricing.price(id);
    } catch (IllegalArgumentException rejected) {
      body = "rejected";
    }
    ORDERS.increment();
    response.setContentType("text/plain");
    response.getWriter().print(body + " api-from=" + loaderOf(PerfMetrics.class));
  }

  private static String loaderOf(Class<?> type) {
    ClassLoader loader = type.getClassLoader();
    return loader == null ? "boot" : loader.getClass().getSimpleName();
  }
}
