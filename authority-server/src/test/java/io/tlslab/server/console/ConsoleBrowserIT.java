package io.tlslab.server.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.tlslab.protocol.wire.Message;
import io.tlslab.server.AuthorityServer;
import io.tlslab.server.store.Database;
import io.tlslab.server.store.DeviceRecord;
import io.tlslab.server.store.Store;
import io.tlslab.server.support.Servers;
import io.tlslab.server.support.TestEndpoint;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The console in a real browser (Debian's chromium, headless, driven by its chromedriver) against a
 * server this test starts on free ports: sign in, find a device among 1,000, open the command line
 * by double-clicking the logo, run the article's three commands and watch the strict-validation
 * warning appear and clear, retire a device, read the audit log, sign out. A failure leaves a
 * screenshot under {@code target/browser-screenshots/}. Skipped (one line) without chromium.
 */
class ConsoleBrowserIT {
    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final String STRICT_WARNING = "warning-STRICT_WITH_FAILING_CERTIFICATE";

    private static Path chromium;
    private static Path chromedriver;

    @TempDir
    Path dir;

    @TempDir
    Path profile;

    AuthorityServer server;
    ChromeDriver browser;
    WebDriverWait wait;

    @BeforeAll
    static void findTheBrowser() {
        chromium = executable("TLSLAB_CHROMIUM", "chromium", "chromium-browser").orElse(null);
        chromedriver = executable("TLSLAB_CHROMEDRIVER", "chromedriver").orElse(null);
        Assumptions.assumeTrue(
                chromium != null && chromedriver != null,
                "console browser test skipped: chromium and chromedriver not found (apt-get install chromium chromium-driver)");
    }

    @BeforeEach
    void start() {
        seedDevices(dir, 1000);
        server = Servers.start(dir);
        ChromeOptions options = new ChromeOptions();
        options.setBinary(chromium.toFile());
        options.addArguments(
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--disable-dev-shm-usage",
                "--ignore-certificate-errors",
                "--window-size=1400,1200",
                "--user-data-dir=" + profile.toAbsolutePath());
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(chromedriver.toFile())
                .usingAnyFreePort()
                .build();
        browser = new ChromeDriver(service, options);
        wait = new WebDriverWait(browser, WAIT);
    }

    @AfterEach
    void stop() {
        if (browser != null) {
            browser.quit();
        }
        if (server != null) {
            server.close();
        }
    }

    @Test
    void anAdminRunsTheArticleRetiresADeviceAndSignsOut(TestInfo test) throws Exception {
        try (TestEndpoint laptop = TestEndpoint.connect(server.messagingPort()).hello("laptop-retire", "6.0")) {
            laptop.read(Message.Settings.class);
            try {
                walkThrough(laptop);
            } catch (Throwable failure) {
                screenshot(test.getTestMethod().map(m -> m.getName()).orElse("browser"));
                throw failure;
            }
        }
    }

    private void walkThrough(TestEndpoint laptop) throws Exception {
        // sign in
        browser.get("https://127.0.0.1:" + server.consolePort() + "/console");
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("login-password")))
                .sendKeys(Servers.ADMIN_PASSWORD);
        browser.findElement(By.id("login-submit")).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("app")));
        assertThat(browser.findElement(By.id("signed-in-as")).getText()).isEqualTo("admin");

        // 1,001 devices, paged; the filter finds the one connected laptop
        wait.until(ExpectedConditions.textToBe(By.id("device-count"), "1–50 of 1001 devices"));
        assertThat(browser.findElements(By.cssSelector("#device-rows tr"))).hasSize(50);
        browser.findElement(By.id("device-filter")).sendKeys("laptop");
        wait.until(d -> d.findElements(By.cssSelector("#device-rows tr")).size() == 1);
        assertThat(cell("device-laptop-retire", 4)).isEqualTo("yes");

        // the certificate panel says how long the served certificates last
        wait.until(ExpectedConditions.textMatches(
                By.cssSelector("#cert-messaging td[data-field=daysToExpiry]"),
                java.util.regex.Pattern.compile("\\d+ days to expiry")));

        // the command line opens by double-clicking the logo
        assertThat(browser.findElement(By.id("command-panel")).isDisplayed()).isFalse();
        new Actions(browser).doubleClick(browser.findElement(By.id("logo"))).perform();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("command-input")));

        run("prop.set c42.sabre.server.certificate.useHttpsCertificate true save all");
        assertThat(browser.findElements(By.id(STRICT_WARNING))).isEmpty();
        run("setting.set system c42.sabre.client.certificate.strictValidation true");
        WebElement banner = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id(STRICT_WARNING)));
        assertThat(banner.getText()).contains("strict validation is on", "would fail it");
        assertThat(cell("device-laptop-retire", 5)).isEqualTo("true");

        String servedSha1 = browser.findElement(By.cssSelector("#cert-messaging td[data-field=sha1]"))
                .getText();
        run("prop.set c42.pki.cert.trustedFingerprints " + servedSha1 + " save all");
        wait.until(ExpectedConditions.invisibilityOfElementLocated(By.id(STRICT_WARNING)));
        wait.until(d -> "ACCEPT:ALLOWLISTED".equals(cell("device-laptop-retire", 6)));

        // retire the laptop: confirmed, disconnected, gone from the list and from the server
        wait.ignoring(StaleElementReferenceException.class).until(d -> {
            d.findElement(By.cssSelector("#device-laptop-retire button.device-retire"))
                    .click();
            return true;
        });
        wait.until(ExpectedConditions.alertIsPresent()).accept();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(
                By.id("device-result"), "retired laptop-retire (disconnected now)"));
        wait.until(ExpectedConditions.invisibilityOfElementLocated(By.id("device-laptop-retire")));
        assertThat(laptop.closedByServer(WAIT)).isTrue();
        assertThat(server.devices())
                .extracting(DeviceRecord::guid)
                .doesNotContain("laptop-retire")
                .hasSize(1000);

        // the audit log shows what this admin did, newest first
        wait.until(
                ExpectedConditions.textToBePresentInElementLocated(By.id("audit-rows"), "device.retire laptop-retire"));
        assertThat(browser.findElement(By.id("audit-rows")).getText())
                .contains("setting.set system c42.sabre.client.certificate.strictValidation true");

        // sign out: back to the sign-in form, and a reload does not bring the session back
        browser.findElement(By.id("signout")).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("login-panel")));
        browser.navigate().refresh();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("login-password")));
        assertThat(browser.findElement(By.id("app")).isDisplayed()).isFalse();
    }

    /** Types a command, presses Enter, and waits for its answer in the output (accepted, not refused). */
    private void run(String line) {
        WebElement input = browser.findElement(By.id("command-input"));
        int before =
                browser.findElements(By.cssSelector("#command-output > div")).size();
        input.sendKeys(line + Keys.ENTER);
        wait.until(d -> d.findElements(By.cssSelector("#command-output > div")).size() == before + 1);
        WebElement answer =
                browser.findElements(By.cssSelector("#command-output > div")).get(before);
        assertThat(answer.getText()).startsWith("> " + line);
        assertThat(answer.getAttribute("class")).as(answer.getText()).isEqualTo("accepted");
    }

    /** The text of one cell of a device row, read fresh (auto-refresh replaces rows). */
    private String cell(String rowId, int column) {
        for (int attempt = 0; ; attempt++) {
            try {
                return browser.findElement(By.id(rowId))
                        .findElements(By.tagName("td"))
                        .get(column)
                        .getText();
            } catch (StaleElementReferenceException e) {
                if (attempt == 5) {
                    throw e;
                }
            }
        }
    }

    private void screenshot(String name) {
        try {
            Path out = Path.of("target", "browser-screenshots");
            Files.createDirectories(out);
            File shot = browser.getScreenshotAs(OutputType.FILE);
            Path target = out.resolve(name + ".png");
            Files.copy(shot.toPath(), target, StandardCopyOption.REPLACE_EXISTING);
            System.err.println("console browser test failed: screenshot " + target.toAbsolutePath());
        } catch (IOException | RuntimeException e) {
            System.err.println("console browser test: no screenshot (" + e.getMessage() + ")");
        }
    }

    /** Devices the server knows from before it started: the list must stay usable at this size. */
    private static void seedDevices(Path dataDir, int count) {
        List<DeviceRecord> fleet = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            fleet.add(new DeviceRecord(
                    String.format("desk-%04d", i),
                    "ENDPOINT",
                    "6.0",
                    "/10.1." + (i / 250) + "." + (i % 250) + ":50000",
                    OffsetDateTime.now().minusDays(1),
                    io.tlslab.protocol.validation.Outcome.accepted(),
                    "jdk",
                    "TLSv1.3",
                    null,
                    null,
                    List.of()));
        }
        try (Store store = new Store(Database.embedded(dataDir))) {
            store.tx(c -> {
                store.devices().putAll(c, fleet);
                return null;
            });
        }
    }

    private static Optional<Path> executable(String envOverride, String... names) {
        String override = System.getenv(envOverride);
        if (override != null && !override.isBlank()) {
            return Optional.of(Path.of(override)).filter(Files::isExecutable);
        }
        String path = System.getenv().getOrDefault("PATH", "/usr/bin:/bin");
        return Stream.of(names)
                .flatMap(n -> Stream.of(path.split(File.pathSeparator)).map(d -> Path.of(d, n)))
                .filter(Files::isExecutable)
                .findFirst();
    }
}
