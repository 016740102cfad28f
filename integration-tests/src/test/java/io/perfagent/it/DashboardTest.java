package io.perfagent.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.List;
import java.util.logging.Level;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The dashboard in headless Chromium (Debian's chromium and chromium-driver, driven by Selenium):
 * the page loads with no console errors and no internet, its charts hold points from a running
 * agent, and a degradation injected into the app shows as a coloured level. A screenshot is kept
 * at {@code target/dashboard.png}.
 */
class DashboardTest {

  private static final Path CHROMIUM = Paths.get("/usr/bin/chromium");
  private static final Path DRIVER = Paths.get("/usr/bin/chromedriver");

  @TempDir Path state;
  @TempDir Path profile;

  @Test
  void thePageChartsARunningAgent_withoutConsoleErrors_andColoursAnInjectedDegradation() throws Exception {
    assumeThat(Files.isExecutable(CHROMIUM) && Files.isExecutable(DRIVER))
        .as("needs Debian's chromium and chromium-driver (.ci/run installs them)").isTrue();
    try (ServingJvm app = ServingJvm.start("dashboard-it", state, 100, null)) {
      ChromeOptions options = new ChromeOptions();
      options.setBinary(CHROMIUM.toFile());
      options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
          "--window-size=1400,1800", "--user-data-dir=" + profile);
      LoggingPreferences logs = new LoggingPreferences();
      logs.enable(LogType.BROWSER, Level.ALL);
      options.setCapability("goog:loggingPrefs", logs);
      ChromeDriverService service = new ChromeDriverService.Builder()
          .usingDriverExecutable(DRIVER.toFile()).usingAnyFreePort().build();
      ChromeDriver driver = new ChromeDriver(service, options);
      try {
        driver.get(app.url("/?refresh=1"));
        WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(30));
        wait.until(d -> Boolean.TRUE.equals(((JavascriptExecutor) d).executeScript(
            "return window.perfDashboard && window.perfDashboard.ready")));
        wait.until(d -> ((Number) ((JavascriptExecutor) d).executeScript(
            "return window.perfDashboard.points()")).longValue() > 5);
        assertThat(driver.findElements(By.cssSelector(".uplot canvas"))).isNotEmpty();
        assertThat(driver.findElement(By.id("service")).getText()).isEqualTo("dashboard-it");

        // Three quiet cycles make a baseline; then tick gets 20 ms slower.
        Thread.sleep(4_000);
        app.send("slow");
        By tickLevel = By.cssSelector("#levels tr[data-name='shop.ServingApp.tick'] td:last-child");
        new WebDriverWait(driver, Duration.ofSeconds(40)).until(d -> {
          List<org.openqa.selenium.WebElement> cells = d.findElements(tickLevel);
          return !cells.isEmpty() && cells.get(0).getAttribute("class").matches(".*lvl-(Minor|Moderate|Critical).*");
        });
        String colour = driver.findElement(tickLevel).getCssValue("background-color");
        assertThat(colour).as("a degraded level is coloured").isIn("rgba(255, 214, 214, 1)", "rgba(255, 241, 194, 1)");

        byte[] png = ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES);
        Path shot = Paths.get("target", "dashboard.png");
        Files.write(shot, png);
        assertThat(Files.size(shot)).isPositive();

        List<LogEntry> errors = driver.manage().logs().get(LogType.BROWSER).getAll().stream()
            .filter(e -> e.getLevel().intValue() >= Level.SEVERE.intValue()).collect(Collectors.toList());
        assertThat(errors).as("console errors").isEmpty();
        assertThat((List<?>) ((JavascriptExecutor) driver).executeScript("return window.perfDashboard.errors"))
            .isEmpty();
      } finally {
        driver.quit();
      }
      assertThat(app.stop()).isZero();
    }
  }
}
