package io.perfagent.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.logging.Level;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The dashboard in headless Chromium (Debian's chromium and chromium-driver, driven by Selenium):
 * the page loads with no console errors and no internet, its charts hold points from a running
 * agent, and a degradation injected into the app shows as a coloured level. A screenshot is kept at
 * {@code target/dashboard.png}.
 */
class DashboardTest {

  private static final Path CHROMIUM = Paths.get("/usr/bin/chromium");
  private static final Path DRIVER = Paths.get("/usr/bin/chromedriver");

  @TempDir Path state;
  @TempDir Path profile;

  @Test
  @SuppressWarnings("unchecked")
  void thePageChartsARunningAgent_withoutConsoleErrors_andColoursAnInjectedDegradation()
      throws Exception {
    assumeThat(Files.isExecutable(CHROMIUM) && Files.isExecutable(DRIVER))
        .as("needs Debian's chromium and chromium-driver (.ci/run installs them)")
        .isTrue();
    try (ServingJvm app = ServingJvm.start("dashboard-it", state, 100, null)) {
      ChromeOptions options = new ChromeOptions();
      options.setBinary(CHROMIUM.toFile());
      options.addArguments(
          "--headless=new",
          "--no-sandbox",
          "--disable-dev-shm-usage",
          "--disable-gpu",
          "--window-size=1400,1800",
          "--user-data-dir=" + profile);
      LoggingPreferences logs = new LoggingPreferences();
      logs.enable(LogType.BROWSER, Level.ALL);
      options.setCapability("goog:loggingPrefs", logs);
      ChromeDriverService service =
          new ChromeDriverService.Builder()
              .usingDriverExecutable(DRIVER.toFile())
              .usingAnyFreePort()
              .build();
      ChromeDriver driver = new ChromeDriver(service, options);
      try {
        driver.get(app.url("/?refresh=1"));
        WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(30));
        wait.until(
            d ->
                Boolean.TRUE.equals(
                    ((JavascriptExecutor) d)
                        .executeScript(
                            "return window.perfDashboard && window.perfDashboard.ready")));
        wait.until(
            d ->
                ((Number)
                            ((JavascriptExecutor) d)
                                .executeScript("return window.perfDashboard.points()"))
                        .longValue()
                    > 5);
        assertThat(driver.findElements(By.cssSelector(".uplot canvas"))).isNotEmpty();
        assertThat(driver.findElement(By.id("service")).getText()).isEqualTo("dashboard-it");

        // Three quiet cycles make a baseline; then tick gets 20 ms slower.
        Thread.sleep(4_000);
        app.send("slow");
        By tickLevel = By.cssSelector("#levels tr[data-name='shop.ServingApp.tick'] td:last-child");
        // The page re-renders the table on every refresh: a cell found may be replaced before it
        // is read, so a stale one is looked up again.
        new WebDriverWait(driver, Duration.ofSeconds(40))
            .ignoring(StaleElementReferenceException.class)
            .until(
                d -> {
                  List<org.openqa.selenium.WebElement> cells = d.findElements(tickLevel);
                  return !cells.isEmpty()
                      && cells
                          .get(0)
                          .getAttribute("class")
                          .matches(".*lvl-(Minor|Moderate|Critical).*");
                });
        String colour =
            new WebDriverWait(driver, Duration.ofSeconds(10))
                .ignoring(StaleElementReferenceException.class)
                .until(d -> d.findElement(tickLevel).getCssValue("background-color"));
        assertThat(colour)
            .as("a degraded level is coloured")
            .isIn("rgba(255, 214, 214, 1)", "rgba(255, 241, 194, 1)");

        // The advisor's recommendation about the slowed method is shown, coloured by severity.
        By tickAdvice = By.cssSelector("#recommendations li[data-subject='shop.ServingApp.tick']");
        List<String> advice =
            new WebDriverWait(driver, Duration.ofSeconds(40))
                .ignoring(StaleElementReferenceException.class)
                .until(
                    d -> {
                      List<org.openqa.selenium.WebElement> items = d.findElements(tickAdvice);
                      if (items.isEmpty()) {
                        return null;
                      }
                      return List.of(
                          items.get(0).getText(),
                          items
                              .get(0)
                              .findElement(By.cssSelector("span.level"))
                              .getAttribute("class"));
                    });
        assertThat(advice.get(0)).contains("shop.ServingApp.tick").contains("→ ");
        assertThat(advice.get(1)).matches(".*lvl-(WARNING|CRITICAL).*");

        // The baseline is a band (low and high edges filled between), around its median.
        Map<String, Object> latency = chartTitled(driver, "shop.ServingApp.tick latency (ms)");
        assertThat((List<Object>) latency.get("labels"))
            .containsExactly(
                "p50",
                "p95",
                "p99",
                "baseline p95 median",
                "baseline p95 low",
                "baseline p95 high");
        assertThat(((Number) latency.get("bands")).intValue()).isEqualTo(1);
        List<?> last = (List<?>) latency.get("last");
        double median = ((Number) last.get(3)).doubleValue();
        assertThat(((Number) last.get(4)).doubleValue()).isLessThanOrEqualTo(median);
        assertThat(((Number) last.get(5)).doubleValue()).isGreaterThanOrEqualTo(median);
        // Heap after GC and GC time are charted from the samples, each with its baseline band.
        for (String title :
            new String[] {"heap_after_gc (MB)", "gc_time (%)", "memory_usage (MB)"}) {
          Map<String, Object> c = chartTitled(driver, title);
          assertThat(((Number) c.get("points")).intValue()).as(title).isPositive();
          assertThat(((Number) c.get("bands")).intValue()).as(title).isEqualTo(1);
        }

        byte[] png = ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES);
        Path shot = Paths.get("target", "dashboard.png");
        Files.write(shot, png);
        assertThat(Files.size(shot)).isPositive();

        List<LogEntry> errors =
            driver.manage().logs().get(LogType.BROWSER).getAll().stream()
                .filter(e -> e.getLevel().intValue() >= Level.SEVERE.intValue())
                .collect(Collectors.toList());
        assertThat(errors).as("console errors").isEmpty();
        assertThat(
                (List<?>)
                    ((JavascriptExecutor) driver)
                        .executeScript("return window.perfDashboard.errors"))
            .isEmpty();
      } finally {
        driver.quit();
      }
      assertThat(app.stop()).isZero();
    }
  }

  @Test
  void withAToken_thePageAsksForIt_thenSendsItAsAHeader_andItNeverStaysInTheAddressOrTheLog()
      throws Exception {
    assumeThat(Files.isExecutable(CHROMIUM) && Files.isExecutable(DRIVER))
        .as("needs Debian's chromium and chromium-driver (.ci/run installs them)")
        .isTrue();
    String token = "tok-" + UUID.randomUUID();
    try (ServingJvm app =
        ServingJvm.start("dashboard-token-it", state, 100, "perf.endpoint.token=" + token)) {
      ChromeDriver driver = chromium();
      try {
        driver.get(app.url("/?refresh=1"));
        WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(30));
        wait.until(d -> d.findElement(By.id("auth")).isDisplayed());
        assertThat(script(driver, "return window.perfDashboard.authorized")).isEqualTo(false);
        driver.manage().logs().get(LogType.BROWSER); // drains the 401s of the page without a token

        driver.get(app.url("/?refresh=1#token=" + token));
        wait.until(d -> Boolean.TRUE.equals(script(d, "return window.perfDashboard.ready")));
        wait.until(
            d -> ((Number) script(d, "return window.perfDashboard.points()")).longValue() > 0);
        assertThat(driver.findElement(By.id("auth")).isDisplayed()).isFalse();
        assertThat(driver.getCurrentUrl()).doesNotContain(token).doesNotContain("#");
        assertThat(driver.findElement(By.id("service")).getText()).isEqualTo("dashboard-token-it");

        // A reload in the same tab still works: the token was kept for this tab.
        driver.navigate().refresh();
        wait.until(d -> ((Number) script(d, "return window.perfDashboard.polls")).longValue() >= 2);
        assertThat(script(driver, "return window.perfDashboard.authorized")).isEqualTo(true);
        List<LogEntry> errors =
            driver.manage().logs().get(LogType.BROWSER).getAll().stream()
                .filter(e -> e.getLevel().intValue() >= Level.SEVERE.intValue())
                .collect(Collectors.toList());
        assertThat(errors).as("console errors").isEmpty();
      } finally {
        driver.quit();
      }
      assertThat(app.stop()).isZero();
      assertThat(app.stderr()).doesNotContain(token);
      assertThat(app.stdout()).doesNotContain(token);
    }
  }

  private ChromeDriver chromium() {
    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM.toFile());
    options.addArguments(
        "--headless=new",
        "--no-sandbox",
        "--disable-dev-shm-usage",
        "--disable-gpu",
        "--window-size=1400,1800",
        "--user-data-dir=" + profile);
    LoggingPreferences logs = new LoggingPreferences();
    logs.enable(LogType.BROWSER, Level.ALL);
    options.setCapability("goog:loggingPrefs", logs);
    ChromeDriverService service =
        new ChromeDriverService.Builder()
            .usingDriverExecutable(DRIVER.toFile())
            .usingAnyFreePort()
            .build();
    return new ChromeDriver(service, options);
  }

  private static Object script(org.openqa.selenium.WebDriver driver, String js) {
    return ((JavascriptExecutor) driver).executeScript(js);
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> chartTitled(ChromeDriver driver, String title) {
    List<Object> charts = (List<Object>) script(driver, "return window.perfDashboard.charts()");
    for (Object c : charts) {
      Map<String, Object> chart = (Map<String, Object>) c;
      if (title.equals(chart.get("title"))) {
        return chart;
      }
    }
    throw new AssertionError("no chart titled '" + title + "' among " + charts);
  }
}
