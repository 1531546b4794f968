package org.twingrad.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.twingrad.bench.explain.AnswerKey;
import org.twingrad.bench.explain.NetworkFile;
import org.twingrad.scalar.BackpropTrace;

/**
 * The step-through page in a real browser: headless Chromium driven by Selenium WebDriver opens the page that
 * {@code twingrad explain NETWORK --html} wrote, presses Next (and the arrow keys), and checks that the highlighted
 * node, the edge labels, the table row and the gradient on every node are those of the trace's step. Screenshots go
 * to {@code bench/target/screenshots/} for a person to look at.
 *
 * <p>Needs Debian's {@code chromium} and {@code chromium-driver}; {@code .ci/run} installs them. Without them the test
 * is skipped on a developer's machine and fails in CI (where the environment variable CI is set).
 */
class StepperPageBrowserTest {
    static final Path CHROMIUM = Path.of(System.getenv().getOrDefault("CHROMIUM", "/usr/bin/chromium"));
    static final Path CHROMEDRIVER = Path.of(System.getenv().getOrDefault("CHROMEDRIVER", "/usr/bin/chromedriver"));
    static final Path SCREENSHOTS = Path.of("target", "screenshots");

    static WebDriver browser;

    @TempDir
    static Path dir;

    @BeforeAll
    static void start() throws IOException {
        boolean present = Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
        if (!present && System.getenv("CI") != null) {
            throw new AssertionError("CI needs " + CHROMIUM + " and " + CHROMEDRIVER + " (apt-get install chromium chromium-driver)");
        }
        assumeTrue(present, "no Chromium here (apt-get install chromium chromium-driver): browser test skipped");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        // As root in a container: no sandbox; no background connections on a closed network.
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                "--window-size=1600,1000", "--user-data-dir=" + Files.createDirectories(dir.resolve("profile")));
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile()).build();
        browser = new ChromeDriver(service, options);
        Files.createDirectories(SCREENSHOTS);
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.quit();
        }
    }

    /** Writes the page with the real command and opens it from the file, as a user would. */
    private static BackpropTrace open(String network) throws IOException {
        Path page = dir.resolve(network + ".html");
        CliTest.Run r = CliTest.twingrad("explain", network, "--html", page.toString());
        assertEquals(0, r.code(), r.err());
        browser.get(page.toUri().toString());
        return AnswerKey.of(NetworkFile.load(network)).trace();
    }

    private static void next(int times) {
        WebElement next = browser.findElement(By.id("next"));
        for (int i = 0; i < times; i++) {
            next.click();
        }
    }

    private static void keys(CharSequence key, int times) {
        WebElement body = browser.findElement(By.tagName("body"));
        for (int i = 0; i < times; i++) {
            body.sendKeys(key);
        }
    }

    /** The page shows step n of the trace: its node highlighted, its edges labelled, and the gradients so far. */
    private static void assertShowsStep(BackpropTrace trace, int n) {
        BackpropTrace.Step step = trace.steps().get(n - 1);
        List<WebElement> current = browser.findElements(By.cssSelector(".node.current"));
        assertEquals(1, current.size(), "one highlighted node at step " + n);
        assertEquals(step.node(), current.get(0).getAttribute("data-name"), "highlighted node at step " + n);
        assertEquals("step " + n + " of " + trace.steps().size() + ": " + step.node(),
                browser.findElement(By.id("status")).getText());
        assertEquals("step-" + n, browser.findElement(By.cssSelector("tbody.current")).getAttribute("id"));
        List<WebElement> labels = browser.findElements(By.cssSelector(".elabel.active"));
        assertEquals(step.inputs().size(), labels.size(), "one label per input edge");
        for (int i = 0; i < labels.size(); i++) {
            BackpropTrace.Edge e = step.inputs().get(i);
            assertEquals("∂ " + BackpropTrace.round(e.localDerivative(), 4) + " → " + BackpropTrace.round(e.contribution(), 4),
                    labels.get(i).getText(), "edge " + i + " of step " + n);
        }
        // Every node whose step has come shows its complete gradient, in bold; a node nothing has reached yet, "?".
        for (BackpropTrace.Step s : trace.steps()) {
            WebElement grad = browser.findElement(By.cssSelector("[data-name=\"" + s.node() + "\"] .grad"));
            if (s.index() <= n) {
                assertEquals("grad " + BackpropTrace.round(s.grad(), 4), grad.getText(), s.node() + " at step " + n);
                assertTrue(grad.getAttribute("class").contains("final"), s.node());
            } else {
                assertTrue(grad.getAttribute("class").contains("none") || grad.getAttribute("class").contains("partial"), s.node());
            }
        }
    }

    private static void screenshot(String name) throws IOException {
        File shot = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE);
        Files.copy(shot.toPath(), SCREENSHOTS.resolve(name), StandardCopyOption.REPLACE_EXISTING);
    }

    @Test
    void dlvuPageFollowsTheTraceWithButtonsAndArrowKeys() throws IOException {
        BackpropTrace trace = open("dlvu");
        assertEquals("before backward: press Next", browser.findElement(By.id("status")).getText());
        next(4);
        assertShowsStep(trace, 4);
        screenshot("dlvu-step-4.png");
        keys(Keys.ARROW_RIGHT, 7);
        assertShowsStep(trace, 11);
        keys(Keys.ARROW_LEFT, 1);
        assertShowsStep(trace, 10);
        browser.findElement(By.id("back")).click();
        assertShowsStep(trace, 9);
        browser.findElement(By.id("last")).click();
        assertShowsStep(trace, trace.steps().size());
        screenshot("dlvu-last-step.png");
    }

    @Test
    void cmuPageFollowsTheTracePastStep52() throws IOException {
        BackpropTrace trace = open("cmu");
        next(4);
        assertShowsStep(trace, 4);
        screenshot("cmu-step-4.png");
        next(48);
        assertShowsStep(trace, 52);
        next(16);
        assertShowsStep(trace, 68);
        next(1);
        assertShowsStep(trace, 68);    // Next at the end stays at the end
        screenshot("cmu-step-68.png");
    }
}
