package io.augreg.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.NoAlertPresentException;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;

/**
 * Debian's headless Chromium driven by Selenium through Debian's chromedriver, for the report
 * pages: opens a page from disk and collects what a user's browser would complain about (console
 * errors, network requests, images that do not decode, alerts). Without the browser the tests that
 * use it are skipped, saying so; in CI ({@code CI=true}) a missing browser fails instead.
 */
final class Chromium implements AutoCloseable {
  static final Path BROWSER = Path.of("/usr/bin/chromium");
  static final Path DRIVER = Path.of("/usr/bin/chromedriver");
  private static final ObjectMapper JSON = new ObjectMapper();
  /** Selenium's own logger, kept quiet (it warns that it has no CDP bindings for this Chromium). */
  private static final java.util.logging.Logger SELENIUM = java.util.logging.Logger.getLogger("org.openqa.selenium");

  private final Path profile;
  private final ChromeDriver driver;

  private Chromium(Path profile, ChromeDriver driver) {
    this.profile = profile;
    this.driver = driver;
  }

  /** Starts a browser with a fresh profile, or skips the calling test when there is none. */
  static Chromium start() throws IOException {
    boolean present = Files.isExecutable(BROWSER) && Files.isExecutable(DRIVER);
    if (!present && "true".equals(System.getenv("CI"))) {
      fail("CI must have " + BROWSER + " and " + DRIVER + " (.ci/run installs chromium and chromium-driver)");
    }
    Assumptions.assumeTrue(present, "browser tests skipped: " + BROWSER + " or " + DRIVER
        + " missing (apt-get install chromium chromium-driver)");
    SELENIUM.setLevel(Level.SEVERE);
    Path profile = Files.createTempDirectory("augreg-chromium");
    ChromeOptions o = new ChromeOptions();
    o.setBinary(BROWSER.toFile());
    o.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
        "--disable-quic", "--no-first-run", "--window-size=1200,900",
        "--user-data-dir=" + profile);
    LoggingPreferences logs = new LoggingPreferences();
    logs.enable(LogType.BROWSER, Level.ALL);
    logs.enable(LogType.PERFORMANCE, Level.ALL);
    o.setCapability("goog:loggingPrefs", logs);
    ChromeDriverService service = new ChromeDriverService.Builder()
        .usingDriverExecutable(DRIVER.toFile()).usingAnyFreePort().build();
    return new Chromium(profile, new ChromeDriver(service, o));
  }

  /** What loading a page showed. */
  record Visit(List<String> consoleErrors, List<String> requests, List<String> brokenImages,
      int images, Map<String, String> keyed) {}

  /**
   * Opens {@code page} and reports console errors, every request's URL (the page itself
   * included), images that did not decode and the {@code data-key} elements' texts.
   */
  Visit open(Path page) {
    driver.manage().logs().get(LogType.BROWSER); // drop what earlier pages logged
    driver.manage().logs().get(LogType.PERFORMANCE);
    driver.get(page.toUri().toString());
    assertNoAlert();
    List<String> errors = new ArrayList<>();
    for (LogEntry e : driver.manage().logs().get(LogType.BROWSER)) {
      if (e.getLevel().intValue() >= Level.WARNING.intValue()) {
        errors.add(e.getLevel() + " " + e.getMessage());
      }
    }
    List<String> requests = new ArrayList<>();
    for (LogEntry e : driver.manage().logs().get(LogType.PERFORMANCE)) {
      try {
        JsonNode m = JSON.readTree(e.getMessage()).path("message");
        String method = m.path("method").asText();
        if (method.equals("Network.requestWillBeSent")) {
          requests.add(m.path("params").path("request").path("url").asText());
        } else if (method.startsWith("Network.webSocket") || method.equals("Network.eventSourceMessageReceived")) {
          requests.add(method);
        }
      } catch (IOException ex) {
        throw new IllegalStateException(ex);
      }
    }
    @SuppressWarnings("unchecked")
    List<String> broken = (List<String>) driver.executeScript(
        "return Array.from(document.images).filter(i => !(i.complete && i.naturalWidth > 0))"
            + ".map(i => i.alt || i.src.slice(0, 40));");
    Number images = (Number) driver.executeScript("return document.images.length;");
    @SuppressWarnings("unchecked")
    List<List<String>> pairs = (List<List<String>>) driver.executeScript(
        "return Array.from(document.querySelectorAll('[data-key]'))"
            + ".map(e => [e.getAttribute('data-key'), e.textContent]);");
    Map<String, String> keyed = new LinkedHashMap<>();
    for (List<String> p : pairs) {
      keyed.putIfAbsent(p.get(0), p.get(1));
      // the same key twice (dev accuracy in the summary and in the dev section) must agree
      assertEquals(keyed.get(p.get(0)), p.get(1), "two values for " + p.get(0));
    }
    return new Visit(errors, requests, broken, images.intValue(), keyed);
  }

  /** Runs a script in the open page. */
  Object script(String js) {
    return driver.executeScript(js);
  }

  /** Fails when a script opened an alert (an unescaped {@code <script>} in a name would). */
  void assertNoAlert() {
    try {
      String text = driver.switchTo().alert().getText();
      fail("the page opened an alert: " + text);
    } catch (NoAlertPresentException expected) {
      // none: good
    }
  }

  /**
   * The checks every report page must pass: no console error or warning, no request but the page
   * itself and data URIs, every image decoded.
   */
  static void assertClean(Visit v, Path page) {
    assertEquals(List.of(), v.consoleErrors(), "console of " + page);
    for (String url : v.requests()) {
      assertTrue(url.equals(page.toUri().toString()) || url.startsWith("data:"),
          "request from " + page + ": " + url);
    }
    assertTrue(v.requests().contains(page.toUri().toString()), "the performance log saw no request at all: " + v.requests());
    assertEquals(List.of(), v.brokenImages(), "images that did not decode in " + page);
  }

  @Override
  public void close() throws IOException {
    try {
      driver.quit();
    } finally {
      try (var s = Files.walk(profile)) {
        s.sorted(java.util.Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
      }
    }
  }
}
