package io.github.zendeskprovisioning.console;

import io.github.zendeskprovisioning.adapters.storage.memory.InMemoryStateStores;
import io.github.zendeskprovisioning.demo.DemoTenant;
import io.github.zendeskprovisioning.demo.SimulatedWorld;
import io.github.zendeskprovisioning.engine.ports.ProvisioningObserver;
import io.github.zendeskprovisioning.engine.ports.StateStores;
import io.github.zendeskprovisioning.host.LocalHost;
import io.github.zendeskprovisioning.host.ServeKey;
import io.github.zendeskprovisioning.simulators.zendesk.SimulatedUser;
import io.github.zendeskprovisioning.simulators.zendesk.ZendeskSimulator;
import io.github.zendeskprovisioning.wiring.Product;
import io.github.zendeskprovisioning.wiring.Settings;
import io.github.zendeskprovisioning.wiring.Wiring;
import io.github.zendeskprovisioning.engine.state.Quarantine;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TimeoutException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.File;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The operator console in a real browser (Debian's headless Chromium through its chromedriver) against {@code serve}'s
 * local host with both simulators: one operator's session, in order. Screenshots of each page go to
 * target/console-screenshots/.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ConsoleBrowserIT {
    private static final String KEY = "console-test-key-31337";
    private static final Duration WAIT = Duration.ofSeconds(60);
    private final List<String> hostOutput = Collections.synchronizedList(new ArrayList<>());
    private final Path screenshots = Path.of(System.getProperty("console.screenshots", "target/console-screenshots"));
    private SimulatedWorld world;
    private Product product;
    private StateStores stores;
    private LocalHost host;
    private WebDriver browser;

    @BeforeAll
    void start() throws Exception {
        world = SimulatedWorld.demo(0);
        world.zendesk().jobPollsBeforeCompletion(0);
        Map<String, String> values = new LinkedHashMap<>(world.settingsValues());
        // Two suspensions are over this limit, so the held-cycle scenario below needs only two changes in Entra.
        values.put(Settings.DELETE_THRESHOLD, "1");
        values.put("PROVISIONING_SERVE_KEY", KEY);
        stores = InMemoryStateStores.create();
        product = Wiring.build(new Settings(values), stores, ProvisioningObserver.NONE);
        host = new LocalHost(product, 0, false, ServeKey.configuredOrGenerated(KEY), hostOutput::add).start();

        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File("/usr/bin/chromedriver")).usingAnyFreePort().build();
        ChromeOptions options = new ChromeOptions().setBinary("/usr/bin/chromium")
                .addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                        "--window-size=1366,1000", "--lang=en-US", "--no-first-run");
        browser = new ChromeDriver(service, options);
        Files.createDirectories(screenshots);
    }

    @AfterAll
    void stop() {
        if (browser != null) browser.quit();
        if (host != null) host.close();
        if (product != null) product.close();
        if (world != null) world.close();
    }

    private String consoleUrl() {
        return host.baseUrl() + "console/";
    }

    private WebDriverWait waiting() {
        WebDriverWait w = new WebDriverWait(browser, WAIT, Duration.ofMillis(50));
        // The console re-renders its tables while a wait polls them: an element found a moment ago may be replaced
        // before it is read, which only means "look again", not a failure.
        w.ignoring(StaleElementReferenceException.class);
        w.withMessage(() -> "console page at the time: " + browser.findElement(By.tagName("main")).getText());
        return w;
    }

    private WebElement byId(String id) {
        return browser.findElement(By.id(id));
    }

    private void tab(String view) {
        browser.findElement(By.cssSelector(".tabs button[data-view='" + view + "']")).click();
    }

    private void confirm() {
        waiting().until(d -> byId("confirm").isDisplayed());
        byId("confirm-ok").click();
    }

    private void screenshot(String name) throws Exception {
        Files.write(screenshots.resolve(name + ".png"), ((ChromeDriver) browser).getScreenshotAs(OutputType.BYTES));
    }

    private String state() {
        return byId("job-state").getText();
    }

    private Optional<SimulatedUser> zendeskUser(String externalId) {
        return world.zendesk().users().stream().filter(u -> externalId.equals(u.externalId())).findFirst();
    }

    @Test
    @Order(1)
    void theKeyFromTheFragmentIsKeptInTheTabAndLeavesTheAddressBar() {
        browser.get(consoleUrl() + "#key=" + KEY);
        waiting().until(d -> !state().equals("Loading…") && !state().isBlank());
        assertFalse(browser.getCurrentUrl().contains(KEY), browser.getCurrentUrl());
        assertEquals(KEY, ((JavascriptExecutor) browser).executeScript("return sessionStorage.getItem('provisioning-console-key')"));
        assertEquals("Idle", state());
        assertEquals("No cycle yet.", byId("recent-table").findElement(By.tagName("tbody")).getText());
    }

    @Test
    @Order(2)
    void overviewShowsTheRunningCycleByPhaseAndThenItsCountsAndChart() throws Exception {
        // Slow Zendesk down so the initial cycle runs long enough for a person (and this test) to watch it.
        world.zendesk().latency(Duration.ofMillis(150));
        tab("actions");
        browser.findElement(By.cssSelector("#sync-form input[value='initial']")).click();
        browser.findElement(By.cssSelector("#sync-form button[type='submit']")).click();
        waiting().until(d -> byId("confirm-title").getText().contains("initial cycle"));
        screenshot("actions-confirm");
        confirm();
        tab("overview");

        waiting().until(d -> byId("current-panel").isDisplayed() && !byId("phases").findElements(By.cssSelector("li[aria-current='step']")).isEmpty());
        assertEquals("Running", state());
        assertTrue(byId("current-summary").getText().startsWith("initial cycle"), byId("current-summary").getText());
        screenshot("overview-running");
        // A later moment shows more (batches under way); the cycle may finish first, which proves nothing wrong.
        try {
            waiting().withTimeout(Duration.ofSeconds(10)).until(d -> !state().equals("Running")
                    || byId("batch-label").getText().matches("Work batches: [1-9].*"));
            if (state().equals("Running")) screenshot("overview-running");
        } catch (TimeoutException e) {
            // Still planning after ten seconds: the first screenshot stands.
        }

        world.zendesk().latency(Duration.ZERO);
        waiting().until(d -> !state().equals("Running") && byId("recent-table").getText().contains("completed"));
        assertFalse(byId("current-panel").isDisplayed());
        List<WebElement> cells = byId("recent-table").findElements(By.cssSelector("tbody tr:first-child td"));
        assertEquals("initial", cells.get(2).getText());
        assertTrue(Long.parseLong(cells.get(4).getText()) > 200, "created: " + cells.get(4).getText());
        assertFalse(byId("chart").findElements(By.cssSelector("svg rect.s-created")).isEmpty());
        screenshot("overview");
    }

    @Test
    @Order(3)
    void logsFilterByActionPageOnAndOpenAnEntryWithItsStepsAndProperties() throws Exception {
        tab("logs");
        new Select(byId("f-action")).selectByVisibleText("Create");
        new Select(byId("f-top")).selectByVisibleText("25");
        browser.findElement(By.cssSelector("#log-filters button[type='submit']")).click();
        waiting().until(d -> byId("log-caption").getText().startsWith("25 entries"));
        List<WebElement> rows = byId("log-table").findElements(By.cssSelector("tbody tr"));
        assertEquals(25, rows.size());
        for (WebElement r : rows) assertEquals("Create", r.findElements(By.tagName("td")).get(1).getText());
        String firstOfPageOne = rows.get(0).getText();

        assertTrue(byId("next-page").isEnabled());
        byId("next-page").click();
        waiting().until(d -> byId("log-caption").getText().contains("page 2"));
        assertFalse(byId("log-table").findElement(By.cssSelector("tbody tr")).getText().equals(firstOfPageOne));
        byId("first-page").click();
        waiting().until(d -> !byId("log-caption").getText().contains("page"));

        byId("log-table").findElement(By.cssSelector("tbody tr button[data-entry]")).click();
        waiting().until(d -> byId("details").isDisplayed());
        assertTrue(byId("details-title").getText().startsWith("Create "), byId("details-title").getText());
        assertEquals("details", browser.switchTo().activeElement().getAttribute("id"), "focus moves to the details pane");
        assertFalse(byId("details-steps").findElements(By.tagName("li")).isEmpty());
        assertTrue(byId("details-props").getText().contains("name (none)"), byId("details-props").getText());
        ((JavascriptExecutor) browser).executeScript("window.scrollTo(0, 0)");
        screenshot("logs");

        // The CSV holds what is filtered: the page hands the browser a file made from GET logs?format=csv.
        ((JavascriptExecutor) browser).executeScript("""
                const made = URL.createObjectURL;
                URL.createObjectURL = (blob) => { window.consoleCsv = blob; return made(blob); };""");
        byId("csv").click();
        waiting().until(d -> byId("notice").getText().startsWith("The CSV holds"));
        String csv = (String) ((JavascriptExecutor) browser).executeAsyncScript(
                "const done = arguments[arguments.length - 1]; window.consoleCsv.text().then(done);");
        List<String> lines = csv.lines().toList();
        assertTrue(lines.size() > 26, "more than one page of Create entries: " + lines.size());
        for (String line : lines.subList(1, lines.size())) assertTrue(line.contains(",Create,"), line);

        // Nothing the page was given holds a credential of the product.
        String page = browser.getPageSource();
        for (String secret : List.of(ZendeskSimulator.SEED_OAUTH_CLIENT_SECRET, SimulatedWorld.GRAPH_TOKEN)) {
            assertFalse(page.contains(secret), "the page shows a secret");
        }
    }

    @Test
    @Order(4)
    void findingANewUserByNameAndProvisioningItOnDemandShowsEachStepAsItHappensAndCreatesIt() throws Exception {
        String id = "0c0e5013-0000-4000-8000-000000000777";
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("displayName", "Ada Console");
        p.put("givenName", "Ada");
        p.put("surname", "Console");
        p.put("userPrincipalName", "ada.console@contoso.example");
        p.put("mail", "ada.console@contoso.example");
        p.put("accountEnabled", true);
        world.graph().createUser(id, p);
        world.graph().assign(DemoTenant.SERVICE_PRINCIPAL, id, DemoTenant.roleId("agent"));

        tab("provision");
        byId("search-text").sendKeys("ada con");
        browser.findElement(By.cssSelector("#search-form button[type='submit']")).click();
        waiting().until(d -> !browser.findElements(By.cssSelector("#search-table tbody tr")).isEmpty());
        List<WebElement> found = browser.findElements(By.cssSelector("#search-table tbody tr"));
        assertEquals(1, found.size(), byId("search-result").getText());
        assertTrue(found.get(0).getText().contains("ada.console@contoso.example"), found.get(0).getText());
        found.get(0).findElement(By.cssSelector("button[data-object]")).click();
        waiting().until(d -> byId("confirm-title").getText().equals("Provision Ada Console now?"));
        // Zendesk holds the user's write a while: the steps before it must be on the page while the run still goes.
        world.zendesk().faults().slowNext("POST /api/v2/users*", 1, Duration.ofSeconds(4));
        confirm();
        waiting().until(d -> "true".equals(byId("provision-result").getAttribute("aria-busy"))
                && byId("provision-result").getText().contains("Users: Started"));
        assertTrue(zendeskUser(id).isEmpty(), "the write is still held back, so the run is still going");
        assertTrue(byId("provision-steps").getText().contains("Import: Success (user Ada Console <ada.console@contoso.example>"),
                byId("provision-steps").getText());
        assertTrue(byId("provision-result").getText().startsWith("Provisioning " + id), byId("provision-result").getText());
        screenshot("provision-running");
        waiting().until(d -> byId("provision-result").getText().startsWith("Done:"));
        world.zendesk().faults().clear();
        assertTrue(byId("provision-steps").getText().contains("Action: Success"), byId("provision-steps").getText());
        assertFalse(byId("provision-result").getText().contains("null"), byId("provision-result").getText());
        String result = byId("provision-result").getText();
        assertTrue(result.contains("Create Success"), result);
        assertFalse(byId("provision-entries").findElements(By.cssSelector(".steps li")).isEmpty());
        assertEquals("agent", zendeskUser(id).orElseThrow().role());
        assertEquals(id, byId("provision-id").getAttribute("value"));
        screenshot("provision");
    }

    @Test
    @Order(5)
    void previewShowsEachMappingTheScopeAndTheWriteAgainstTheLiveUserAsTables() throws Exception {
        world.graph().updateUser(DemoTenant.userId(42), Map.of("displayName", "Preview Person"));
        long zendeskWrites = world.zendesk().requestLog().stream().filter(r -> !r.method().equals("GET")).count();
        tab("preview");
        byId("preview-id").sendKeys(DemoTenant.userId(42));
        browser.findElement(By.cssSelector("#preview-form button[type='submit']")).click();
        waiting().until(d -> byId("preview-result").getText().startsWith("Preview of " + DemoTenant.userId(42)));
        WebElement name = byId("preview-mappings").findElements(By.cssSelector("tbody tr")).stream()
                .filter(r -> r.findElement(By.tagName("th")).getText().equals("name")).findFirst().orElseThrow();
        assertTrue(name.getText().contains("\"Preview Person\""), name.getText());
        assertTrue(byId("preview-facts").getText().contains("in scope"), byId("preview-facts").getText());
        assertTrue(byId("preview-changes").getText().contains("Preview Person"), byId("preview-changes").getText());
        assertEquals(zendeskWrites, world.zendesk().requestLog().stream().filter(r -> !r.method().equals("GET")).count(),
                "a preview writes nothing to Zendesk");
        screenshot("preview");
    }

    @Test
    @Order(6)
    void aHeldCycleListsWhatItHeldAndApprovingItLetsTheNextCycleSuspend() throws Exception {
        world.graph().disableUser(DemoTenant.userId(50));
        world.graph().disableUser(DemoTenant.userId(51));
        tab("actions");
        browser.findElement(By.cssSelector("#sync-form input[value='incremental']")).click();
        browser.findElement(By.cssSelector("#sync-form button[type='submit']")).click();
        confirm();
        tab("overview");
        waiting().until(d -> state().equals("Held") && byId("held-table").findElements(By.cssSelector("tbody tr")).size() == 2);
        String held = byId("held-table").getText();
        assertTrue(held.contains(DemoTenant.userId(50)) && held.contains(DemoTenant.userId(51)), held);
        assertTrue(held.contains("suspend"), held);
        assertFalse(zendeskUser(DemoTenant.userId(50)).orElseThrow().suspended());
        screenshot("overview-held");

        byId("approve-held").click();
        confirm();
        waiting().until(d -> byId("notice").getText().contains("next cycle"));
        waiting().until(d -> !byId("held-panel").isDisplayed());
        assertTrue(product.engine().status().job().deletionsApproved());

        tab("actions");
        browser.findElement(By.cssSelector("#sync-form button[type='submit']")).click();
        confirm();
        tab("overview");
        waiting().until(d -> zendeskUser(DemoTenant.userId(50)).orElseThrow().suspended()
                && zendeskUser(DemoTenant.userId(51)).orElseThrow().suspended() && state().equals("Steady state"));
        String latest = byId("recent-table").findElement(By.cssSelector("tbody tr")).getText();
        assertTrue(latest.contains("completed"), latest);
    }

    @Test
    @Order(7)
    void aQuarantinedJobShowsItsReasonSeriesAndNextAttemptAndCanBeLiftedWithAConfirmation() throws Exception {
        Instant next = Instant.now().plus(Duration.ofHours(2));
        String reason = "nearly every write failed in 3 cycles in a row (Zendesk answered 401 Unauthorized)";
        stores.cycles().updateJobState(j -> j.withQuarantine(new Quarantine(Quarantine.CREDENTIALS_REFUSED, reason,
                Instant.now().minus(Duration.ofHours(3)), 3, next), 3));
        tab("overview");
        waiting().until(d -> state().equals("Quarantined") && byId("quarantine-panel").isDisplayed());
        String facts = byId("quarantine-facts").getText();
        assertTrue(facts.contains(reason), facts);
        assertTrue(facts.contains(Quarantine.CREDENTIALS_REFUSED), facts);
        assertEquals(1, byId("quarantine-facts").findElements(By.cssSelector("time")).stream()
                .filter(t -> Duration.between(Instant.parse(t.getAttribute("datetime")), next).abs().toMillis() < 1000).count(),
                "the next attempt is the quarantine's: " + facts);
        facts = byId("quarantine-facts").getText();
        for (String term : List.of("Code", "Reason", "Since", "Attempts in this series", "Next attempt")) {
            assertTrue(facts.contains(term), term + " in " + facts);
        }
        assertTrue(facts.contains(reason), facts);
        screenshot("overview-quarantined");

        byId("lift-quarantine").click();
        waiting().until(d -> byId("confirm-title").getText().equals("Lift the quarantine now?"));
        confirm();
        waiting().until(d -> byId("notice").getText().startsWith("Quarantine lifted"));
        waiting().until(d -> !state().equals("Quarantined") && !byId("quarantine-panel").isDisplayed());
        assertFalse(product.engine().status().job().quarantined());
    }

    @Test
    @Order(8)
    void restartClearsOnlyTheScopesChosenAfterAConfirmationAndIsLoggedWithWhoAsked() throws Exception {
        tab("actions");
        WebElement watermark = browser.findElement(By.cssSelector("#restart-form input[value='watermark']"));
        if (watermark.isSelected()) watermark.click();
        browser.findElement(By.cssSelector("#restart-form input[value='escrows']")).click();
        browser.findElement(By.cssSelector("#restart-form button[type='submit']")).click();
        waiting().until(d -> byId("confirm-title").getText().equals("Restart (escrows)?"));
        confirm();
        waiting().until(d -> byId("notice").getText().equals("Restarted (escrows); the next cycle is incremental."));
        assertTrue(product.engine().status().job().watermark().exists(), "the watermark was not chosen, so it stays");

        tab("logs");
        byId("log-filters").findElement(By.cssSelector("button[type='reset']")).click();
        new Select(byId("f-action")).selectByVisibleText("OperatorAction");
        browser.findElement(By.cssSelector("#log-filters button[type='submit']")).click();
        waiting().until(d -> byId("log-table").findElement(By.cssSelector("tbody tr")).getText().contains("restart [escrows] requested by serve key (local)"));
    }

    @Test
    @Order(9)
    void everyControlIsReachableByKeyboardAndLabelled() {
        // A confirmation opened from the keyboard takes the focus, Escape cancels it, and the focus goes back.
        tab("actions");
        byId("pause").sendKeys(Keys.ENTER);
        waiting().until(d -> byId("confirm").isDisplayed());
        assertEquals("confirm-cancel", browser.switchTo().activeElement().getAttribute("id"), "the safe choice has the focus");
        browser.switchTo().activeElement().sendKeys(Keys.ESCAPE);
        waiting().until(d -> !byId("confirm").isDisplayed());
        assertEquals("pause", browser.switchTo().activeElement().getAttribute("id"));
        assertFalse(product.engine().status().job().paused(), "cancelled: nothing done");

        for (WebElement input : browser.findElements(By.cssSelector("input:not([type='radio']):not([type='checkbox']), select"))) {
            String id = input.getAttribute("id");
            assertFalse(browser.findElements(By.cssSelector("label[for='" + id + "']")).isEmpty(), "no label for #" + id);
        }
        for (WebElement b : browser.findElements(By.tagName("button"))) {
            assertFalse("-1".equals(b.getAttribute("tabindex")), "a button is out of the tab order: " + b.getText());
        }
        assertEquals(1, browser.findElements(By.tagName("main")).size());
        assertEquals(1, browser.findElements(By.cssSelector("nav[aria-label]")).size());
    }

    /** WCAG 2 contrast of every visible text on its effective background, as the browser computes both. */
    private static final String LOW_CONTRAST = """
            const lum = (c) => { const [r, g, b] = c.map((v) => { v /= 255; return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); });
              return 0.2126 * r + 0.7152 * g + 0.0722 * b; };
            const rgb = (s) => (s.match(/[\\d.]+/g) || []).map(Number);
            const background = (node) => { for (let n = node; n; n = n.parentElement) { const c = rgb(getComputedStyle(n).backgroundColor);
              if (c.length === 3 || (c.length === 4 && c[3] > 0.5)) return c.slice(0, 3); } return [255, 255, 255]; };
            const low = [];
            let checked = 0;
            for (const e of document.querySelectorAll('body *')) {
              if (!e.offsetParent && getComputedStyle(e).position !== 'fixed') continue;
              if (![...e.childNodes].some((t) => t.nodeType === 3 && t.textContent.trim())) continue;
              if (e.closest('svg, .skip')) continue;
              const st = getComputedStyle(e);
              const f = rgb(st.color).slice(0, 3), b = background(e);
              const [hi, lo] = [lum(f), lum(b)].sort((x, y) => y - x);
              const ratio = (hi + 0.05) / (lo + 0.05);
              const large = parseFloat(st.fontSize) >= 24 || (parseFloat(st.fontSize) >= 18.66 && Number(st.fontWeight) >= 700);
              const least = large ? 3 : 4.5;
              checked++;
              if (ratio < least && !(e.disabled)) low.push(e.tagName + ' "' + e.textContent.trim().slice(0, 40) + '" ' + ratio.toFixed(2));
            }
            return { low, checked };""";

    @Test
    @Order(10)
    void everyPageKeepsTextContrastAtLeastWcagAA() {
        for (String view : List.of("overview", "logs", "provision", "preview", "actions")) {
            tab(view);
            waiting().until(d -> byId("view-" + view).isDisplayed());
            Map<?, ?> result = (Map<?, ?>) ((JavascriptExecutor) browser).executeScript(LOW_CONTRAST);
            assertEquals(List.of(), result.get("low"), "text under 4.5:1 (3:1 when large) on " + view);
            assertTrue(((Number) result.get("checked")).intValue() > 10, "texts checked on " + view + ": " + result.get("checked"));
        }
    }
}
