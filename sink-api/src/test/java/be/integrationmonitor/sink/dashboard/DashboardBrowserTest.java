package be.integrationmonitor.sink.dashboard;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import be.integrationmonitor.geo.GeoUnits;
import be.integrationmonitor.periods.Granularity;
import be.integrationmonitor.platform.PlatformTestResource;
import be.integrationmonitor.sink.IndicatorsTopic;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/** The dashboard in a real headless chromium: numbers match the API, switching indicator works; screenshot kept. */
@QuarkusTest
@QuarkusTestResource(PlatformTestResource.class)
@ExtendWith(Chromium.class)
class DashboardBrowserTest {

    /** The last month released to the public (ended at least two days ago), which the dashboard opens on. */
    private static final String LAST_MONTH = Granularity.MONTH.label(Granularity.MONTH.previousLastDay(
            LocalDate.now(ZoneId.of("Europe/Brussels")).minusDays(2)));

    private static WebDriver browser;

    @TestHTTPResource("/")
    URL dashboard;

    @BeforeAll
    static void startBrowserAndWriteIndicators() throws Exception {
        // protected persons and, withheld or not, elderly persons: Ghent (Flemish region) 120 and 7,
        // Liège (Walloon) 45 and 2, Brussels 35 and 6, each the only one of its province and region
        try (IndicatorsTopic topic = new IndicatorsTopic()) {
            for (String[] place : new String[][] {{"44021", "40000", "02000"}, {"62063", "60000", "03000"},
                    {"21004", "04000"}}) {
                long persons = place[0].equals("44021") ? 120 : place[0].equals("62063") ? 45 : 35;
                long elderly = place[0].equals("44021") ? 7 : place[0].equals("62063") ? 2 : 6;
                for (String geo : place) {
                    topic.count("protected_persons", "month", geo, LAST_MONTH, persons)
                            .count("elderly_persons", "month", geo, LAST_MONTH, elderly);
                }
            }
            topic.count("protected_persons", "month", GeoUnits.BELGIUM, LAST_MONTH, 200)
                    .count("elderly_persons", "month", GeoUnits.BELGIUM, LAST_MONTH, 15);
        }
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(Chromium.DRIVER.toFile()).usingAnyFreePort().build();
        ChromeOptions options = new ChromeOptions().setBinary(Chromium.BROWSER.toFile())
                .addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                        "--disable-background-networking", "--disable-component-update", "--disable-sync",
                        "--window-size=1280,900",
                        "--user-data-dir=" + Files.createTempDirectory("im-chromium-"));
        browser = new ChromeDriver(service, options);
    }

    @AfterAll
    static void stopBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    @Test
    void showsTheNumbersOfTheApiAndSwitchesIndicator() throws Exception {
        Awaitility.await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                given().queryParam("level", "region").when().get("/v1/snapshot").then().statusCode(200)
                        .body("rows.find { it.geo == '02000' }.values.elderly_persons.value", org.hamcrest.Matchers.equalTo(7.0f)));
        browser.get(dashboard.toString());
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(20));
        wait.until(d -> "protected_persons".equals(d.findElement(By.tagName("body")).getDomAttribute("data-loaded")));

        // the last released month is recent: provisional (SDMX OBS_STATUS P), marked p
        assertThat(cell("02000")).isEqualTo("120 p");
        assertThat(cell("03000")).isEqualTo("45 p");
        assertThat(cell("04000")).isEqualTo("35 p");
        assertThat(browser.findElement(By.id("table-title")).getText()).contains(LAST_MONTH);
        assertThat(browser.findElements(By.cssSelector("#chart svg circle"))).isNotEmpty();
        assertThat(browser.findElement(By.id("snapshot-csv")).getDomAttribute("href")).contains("format=csv");

        new Select(browser.findElement(By.id("indicator"))).selectByValue("elderly_persons");
        wait.until(d -> "elderly_persons".equals(d.findElement(By.tagName("body")).getDomAttribute("data-loaded")));
        // the API withholds Wallonia's 2 and, so that it cannot be derived from Belgium's 15, Brussels' 6
        assertThat(cell("02000")).isEqualTo("7 p");
        assertThat(cell("03000")).isEqualTo("x");
        assertThat(cell("04000")).isEqualTo("x");
        assertThat(withheldReason("03000")).isEqualTo("withheld: fewer than 5");
        assertThat(withheldReason("04000")).isEqualTo("withheld: would reveal another withheld value");

        new Select(browser.findElement(By.id("indicator"))).selectByValue("protected_persons");
        wait.until(d -> "protected_persons".equals(d.findElement(By.tagName("body")).getDomAttribute("data-loaded")));
        Path screenshot = Path.of("target", "dashboard.png");
        Files.copy(((ChromeDriver) browser).getScreenshotAs(OutputType.FILE).toPath(), screenshot,
                StandardCopyOption.REPLACE_EXISTING);
        assertThat(Files.size(screenshot)).isGreaterThan(10_000);
    }

    private static String withheldReason(String geo) {
        return browser.findElement(By.cssSelector("tr[data-geo='" + geo + "'] td.value .withheld")).getDomAttribute("title");
    }

    private static String cell(String geo) {
        return browser.findElement(By.cssSelector("tr[data-geo='" + geo + "'] td.value")).getText();
    }
}
