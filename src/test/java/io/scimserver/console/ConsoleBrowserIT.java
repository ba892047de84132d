package io.scimserver.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusIntegrationTest;
import io.restassured.RestAssured;
import io.scimserver.testing.PostgresTestDatabase;
import io.scimserver.testing.Scim;
import io.scimserver.testing.TestClient;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The console in a real browser: headless Chromium from the OS packages ({@code chromium}, {@code chromium-driver}),
 * driven by Selenium against the packaged application, as an administrator connecting Entra would use it. Each step
 * saves a screenshot under {@code target/console-screenshots/} (the README's are copies of these).
 *
 * <p>Chromium is required, not optional: without it this test fails and says how to install it ({@code .ci/run}
 * installs it). Selenium is pointed at the packaged chromedriver, so it downloads nothing.
 */
@QuarkusIntegrationTest
@QuarkusTestResource(PostgresTestDatabase.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ConsoleBrowserIT {

    static final Path CHROMIUM = Path.of(System.getProperty("console.chromium", "/usr/bin/chromium"));
    static final Path CHROMEDRIVER = Path.of(System.getProperty("console.chromedriver", "/usr/bin/chromedriver"));
    static final Path SCREENSHOTS = Path.of("target", "console-screenshots");
    static final String PASSWORD = "Browser-Test-Pass-42";

    static WebDriver browser;
    static WebDriverWait wait;
    static TestClient.Org org;
    static String adminUserName;
    static String secret;
    static String userId;
    static String userName;
    static String groupId;

    @BeforeAll
    static void startBrowser() throws IOException {
        if (!Files.isExecutable(CHROMIUM) || !Files.isExecutable(CHROMEDRIVER)) {
            fail("ConsoleBrowserIT needs Chromium and its driver at " + CHROMIUM + " and " + CHROMEDRIVER
                    + ": apt-get install -y chromium chromium-driver (.ci/run installs them when missing)");
        }
        System.setProperty("webdriver.chrome.driver", CHROMEDRIVER.toString());
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1280,1000",
                "--lang=en");
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort().build();
        browser = new ChromeDriver(service, options);
        wait = new WebDriverWait(browser, Duration.ofSeconds(10));
        Files.createDirectories(SCREENSHOTS);
    }

    @AfterAll
    static void stopBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    private static String url(String path) {
        // 127.0.0.1, as the packaged jar listens on IPv4 (localhost may be ::1 first)
        return "http://127.0.0.1:" + RestAssured.port + path;
    }

    private static void screenshot(String name) throws IOException {
        File shot = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE);
        Files.copy(shot.toPath(), SCREENSHOTS.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
    }

    /** The text of the element with that id, once the page that has it is there (a form's answer may still load). */
    private static String text(String id) {
        return wait.until(ExpectedConditions.presenceOfElementLocated(By.id(id))).getText();
    }

    private static void signIn(String organization, String user, String password) {
        browser.get(url("/console/login"));
        browser.findElement(By.id("organization")).sendKeys(organization);
        browser.findElement(By.id("userName")).sendKeys(user);
        browser.findElement(By.id("password")).sendKeys(password);
        browser.findElement(By.id("sign-in")).click();
    }

    /** Submits a form the page does not offer (as a stale or forged page would), with the page's own CSRF field. */
    private static void submitForm(String action, String csrf) {
        ((JavascriptExecutor) browser).executeScript("""
                const f = document.createElement('form'); f.method = 'post'; f.action = arguments[0];
                const c = document.createElement('input'); c.type = 'hidden'; c.name = 'csrf'; c.value = arguments[1];
                f.appendChild(c); document.body.appendChild(f); f.submit();""", action, csrf);
    }

    private static String pageCsrf() {
        return browser.findElement(By.cssSelector("form.signout input[name=csrf]")).getDomAttribute("value");
    }

    @Test
    @Order(1)
    void onlyAdminsMaySignIn() throws IOException {
        org = TestClient.newOrg("browser");
        String plain = "plain@" + org.name() + ".example";
        TestClient.setPassword(org, TestClient.newUser(org.id(), plain), PASSWORD);
        browser.get(url("/console/users"));
        wait.until(ExpectedConditions.urlContains("/console/login"));
        screenshot("01-sign-in");
        signIn(org.name(), plain, PASSWORD);
        assertTrue(text("sign-in-error").contains("ADMIN"), text("sign-in-error"));
        assertTrue(browser.getCurrentUrl().endsWith("/console/login"));
        assertEquals(null, browser.manage().getCookieNamed(ConsoleSession.COOKIE));
    }

    @Test
    @Order(2)
    void anAdminSignsInAndIssuesASecretTokenThatWorksForScim() throws IOException {
        adminUserName = ConsoleSession.newAdmin(org, PASSWORD);
        signIn(org.name(), adminUserName, PASSWORD);
        wait.until(ExpectedConditions.urlToBe(url("/console/connect")));
        assertTrue(text("tenant-url").endsWith("/scim/v2?aadOptscim062020"), text("tenant-url"));
        assertTrue(text("not-connected").startsWith("Not yet"));
        assertTrue(browser.manage().getCookieNamed(ConsoleSession.COOKIE).isHttpOnly());
        screenshot("02-connect");

        browser.findElement(By.id("label")).clear();
        browser.findElement(By.id("label")).sendKeys("entra-browser-test");
        new Select(browser.findElement(By.id("expires"))).selectByValue("never");
        browser.findElement(By.id("issue-token")).click();
        secret = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("secret-token"))).getText();
        assertTrue(secret.startsWith("scim_"), secret);
        assertTrue(text("tokens").contains("entra-browser-test"));
        screenshot("03-secret-token");

        Scim scim = new Scim(new TestClient.Org(org.id(), org.name(), org.adminUserId(), secret));
        userName = "ada.lovelace-" + System.nanoTime() + "@example.com";
        userId = scim.createUser(userName);
        scim.createUser("grace.hopper-" + System.nanoTime() + "@example.com");
        groupId = scim.createGroup("Engineering");
        scim.patch("/scim/v2/Groups/" + groupId, "[{\"op\":\"add\",\"path\":\"members\",\"value\":[{\"value\":\""
                + userId + "\"}]}]").then().statusCode(204);

        browser.navigate().refresh();
        assertTrue(text("connection").contains("Last SCIM write"), text("connection"));
        assertTrue(browser.findElements(By.id("secret-token")).isEmpty() || !browser.getPageSource().contains(secret),
                "the secret is shown once");
    }

    @Test
    @Order(3)
    void provisionedUsersAndGroupsAppearAndADeactivationShows() throws IOException {
        browser.get(url("/console/users"));
        assertTrue(text("users").contains(userName), text("users"));
        assertTrue(text("users").contains("grace.hopper-"));
        screenshot("04-users");
        browser.manage().window().setSize(new Dimension(390, 844)); // a phone
        browser.navigate().refresh();
        assertTrue(browser.findElement(By.linkText(userName)).isDisplayed());
        screenshot("04-users-phone");
        browser.manage().window().setSize(new Dimension(1280, 1000));

        browser.findElement(By.linkText(userName)).click();
        assertEquals("active", text("user-state"));
        new Scim(new TestClient.Org(org.id(), org.name(), org.adminUserId(), secret))
                .patch("/scim/v2/Users/" + userId, "[{\"op\":\"Replace\",\"path\":\"active\",\"value\":\"False\"}]")
                .then().statusCode(200);
        browser.navigate().refresh();
        assertEquals("deactivated", text("user-state"));
        assertTrue(text("roles").contains("Engineering"));
        assertTrue(text("roles").contains("managed by SCIM"));
        screenshot("05-user");

        browser.get(url("/console/roles"));
        assertTrue(text("roles").contains("Engineering"));
        assertTrue(text("roles").contains("SCIM group"));
        screenshot("06-roles");
    }

    @Test
    @Order(4)
    void aLocalEditOfAScimGroupIsRefusedWithTheReason() throws IOException {
        browser.get(url("/console/roles/" + groupId));
        assertTrue(text("role-lock").contains("read-only: managed by SCIM"), text("role-lock"));
        assertTrue(browser.findElements(By.cssSelector("form[action$='/remove']")).isEmpty(), "no remove button");
        screenshot("07-role-locked");
        // a page that still offered the action (say, opened before the group was provisioned) is refused all the same
        submitForm("/console/roles/" + groupId + "/members/" + userId + "/remove", pageCsrf());
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("message")));
        assertTrue(text("message").contains("is managed by provisioning"), text("message"));
        screenshot("08-role-refused");
    }

    @Test
    @Order(5)
    void aRefusedScimWriteShowsItsErrorInTheActivity() throws IOException {
        new Scim(new TestClient.Org(org.id(), org.name(), org.adminUserId(), secret)).request()
                .body("{\"schemas\":[\"" + Scim.USER + "\"],\"userName\":\"" + userName + "\"}")
                .post("/scim/v2/Users").then().statusCode(409);
        browser.get(url("/console/activity"));
        new Select(browser.findElement(By.id("outcome"))).selectByValue("failure");
        browser.findElement(By.id("filter-activity")).click();
        wait.until(ExpectedConditions.urlContains("outcome=failure"));
        String activity = text("activity");
        assertTrue(activity.contains("uniqueness"), activity);
        assertTrue(activity.contains("409"), activity);
        assertTrue(browser.findElement(By.cssSelector("svg.chart")).isDisplayed());
        screenshot("09-activity");

        browser.get(url("/console/settings"));
        assertTrue(text("sso").contains("Not configured"));
        screenshot("10-settings");
    }

    @Test
    @Order(6)
    void aFormWithoutTheSessionsCsrfTokenIsRefused() throws IOException {
        browser.get(url("/console/connect"));
        int tokens = browser.findElements(By.cssSelector("#tokens tbody tr")).size();
        submitForm("/console/connect/tokens", "forged-" + pageCsrf());
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("refused")));
        assertTrue(text("refused").contains("CSRF"));
        screenshot("11-csrf-refused");
        browser.get(url("/console/connect"));
        assertEquals(tokens, browser.findElements(By.cssSelector("#tokens tbody tr")).size());
    }

    @Test
    @Order(7)
    void signingOutEndsTheBrowsersSession() throws IOException {
        browser.get(url("/console/connect"));
        browser.findElement(By.id("sign-out")).click();
        wait.until(ExpectedConditions.urlContains("/console/login"));
        assertEquals(null, browser.manage().getCookieNamed(ConsoleSession.COOKIE));
        screenshot("12-signed-out");
        browser.get(url("/console/users"));
        wait.until(ExpectedConditions.urlToBe(url("/console/login")));
    }
}
