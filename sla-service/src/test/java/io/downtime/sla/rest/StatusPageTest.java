package io.downtime.sla.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.anyOf;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.awt.image.BufferedImage;
import java.io.File;
import java.io.IOException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.downtime.sla.rest.FakeIncidentService.FakeIncident;
import io.downtime.sla.rest.FakeIncidentService.FakeOutage;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;

/**
 * The status page, as HTML over HTTP and rendered by a real headless Chromium (Debian {@code chromium}, installed by
 * {@code scripts/setup.sh}) at phone size.
 */
@QuarkusTest
@TestProfile(StatusPageTest.TwoServices.class)
@WithTestResource(value = FakeIncidentService.class, scope = TestResourceScope.GLOBAL)
class StatusPageTest {

    /** The page shows two services (a third is listed but has no SLA), whatever else the test database holds. */
    public static class TwoServices implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("downtime.sla.status.services", "status-dex,status-cex,status-without-sla");
        }
    }

    static final String SLA = """
            {"objective":99.9,"window":"P30D"}""";
    static final Pattern BAR = Pattern.compile("<span class=\"bar bar-(ok|minor|partial|major)\" data-date=\"([0-9-]+)\"");

    @TestHTTPResource("/status")
    URL status;

    LocalDate today;

    @BeforeEach
    void servicesWithOutages() {
        today = LocalDate.now(ZoneOffset.UTC);
        // status-dex: 2 h down 3 days ago (91.666 %), 5 min 10 days ago (99.652 %), 30 min 20 days ago (97.916 %)
        FakeIncidentService.OUTAGES.put("status-dex", List.of(
                outage(today.minusDays(3), 10, 0, 2 * 60),
                outage(today.minusDays(10), 0, 0, 5),
                outage(today.minusDays(20), 23, 30, 30)));
        // status-cex: down since 5 minutes ago, with an acknowledged incident
        Instant since = Instant.now().minus(5, ChronoUnit.MINUTES);
        FakeIncidentService.OUTAGES.put("status-cex", List.of(new FakeOutage(since, null, "head_stale")));
        FakeIncidentService.INCIDENTS.put("status-cex", List.of(
                new FakeIncident(4242, "ACKNOWLEDGED", "head_stale", since),
                new FakeIncident(4241, "RESOLVED", "timeout", since.minus(1, ChronoUnit.DAYS))));
        for (String service : List.of("status-dex", "status-cex")) {
            given().contentType(ContentType.JSON).body(SLA)
                    .when().put("/api/v1/slas/" + service)
                    .then().statusCode(anyOf(equalTo(200), equalTo(201)));
        }
    }

    static FakeOutage outage(LocalDate day, int hour, int minute, int minutes) {
        Instant start = day.atTime(hour, minute).toInstant(ZoneOffset.UTC);
        return new FakeOutage(start, start.plus(minutes, ChronoUnit.MINUTES), "head_stale");
    }

    /** The HTML of one service's section. */
    static String section(String html, String service) {
        int start = html.indexOf("id=\"service-" + service + "\"");
        assertTrue(start >= 0, "no section for " + service + " in:\n" + html);
        int end = html.indexOf("</section>", start);
        return html.substring(start, end);
    }

    /** @return level by date of every bar in {@code html} */
    static Map<String, String> bars(String html) {
        Map<String, String> bars = new java.util.LinkedHashMap<>();
        Matcher m = BAR.matcher(html);
        while (m.find()) {
            bars.put(m.group(2), m.group(1));
        }
        return bars;
    }

    void assertBarsOfStatusDex(String html) {
        String dex = section(html, "status-dex");
        Matcher m = BAR.matcher(dex);
        int count = 0;
        while (m.find()) {
            count++;
        }
        assertEquals(90, count, "one bar per day for 90 days");
        Map<String, String> bars = bars(dex);
        assertEquals(90, bars.size());
        assertEquals(today.minusDays(89).toString(), bars.keySet().iterator().next(), "oldest first");
        assertEquals("major", bars.get(today.minusDays(3).toString()));
        assertEquals("minor", bars.get(today.minusDays(10).toString()));
        assertEquals("partial", bars.get(today.minusDays(20).toString()));
        assertEquals(87, bars.values().stream().filter("ok"::equals).count());
    }

    @Test
    void htmlShowsStatesIncidentsAndNinetyBars() {
        String html = given().when().get("/status")
                .then().statusCode(200)
                .contentType(startsWith("text/html"))
                .extract().asString();

        assertTrue(html.contains("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"));
        assertFalse(html.contains("<script"), "no JavaScript");
        assertFalse(html.contains("Some data is unavailable"), html);
        assertFalse(html.contains("status-without-sla"));
        assertTrue(html.indexOf("service-status-dex") < html.indexOf("service-status-cex"), "configured order");
        assertTrue(html.contains("1 service is down"));

        assertBarsOfStatusDex(html);
        String dex = section(html, "status-dex");
        assertTrue(dex.contains("state state-up\">Operational<"), dex);
        assertTrue(dex.contains("title=\"" + today.minusDays(3) + ": 91.666 % available, 7200 s down\""), dex);
        assertTrue(dex.contains("title=\"" + today.minusDays(10) + ": 99.652 % available, 300 s down\""), dex);
        assertTrue(dex.contains("title=\"" + today.minusDays(4) + ": 100 % available, 0 s down\""), dex);
        assertFalse(dex.contains("class=\"incident\""));

        String cex = section(html, "status-cex");
        assertTrue(cex.contains("state state-down\">Down<"), cex);
        assertTrue(cex.contains("Incident 4242: head_stale"), cex);
        assertTrue(cex.contains("ACKNOWLEDGED"), cex);
        assertFalse(cex.contains("4241"), "resolved incidents are not active");
    }

    @Test
    void headlessChromiumRendersTheBarsOnAPhone() throws Exception {
        String chromium = chromium();
        String url = status.toString().replace("//localhost:", "//127.0.0.1:");
        Path out = Path.of("target", "status-page").toAbsolutePath();
        Files.createDirectories(out);
        Path png = out.resolve("status-phone.png");
        Files.deleteIfExists(png);

        run(chromium, out, "--screenshot=" + png, "--window-size=390,844", url);
        String dom = run(chromium, out, "--dump-dom", url);
        Files.writeString(out.resolve("status-dom.html"), dom);

        assertTrue(dom.contains("</html>"), dom);
        assertBarsOfStatusDex(dom);

        assertTrue(Files.exists(png), "chromium wrote no screenshot");
        assertTrue(Files.size(png) > 10_000, "screenshot suspiciously small: " + Files.size(png) + " bytes");
        BufferedImage image = ImageIO.read(png.toFile());
        assertEquals(390, image.getWidth());
        assertEquals(844, image.getHeight());
        Set<Integer> colours = new HashSet<>();
        int green = 0;
        for (int x = 0; x < image.getWidth(); x++) {
            for (int y = 0; y < image.getHeight(); y++) {
                int rgb = image.getRGB(x, y) & 0xffffff;
                colours.add(rgb);
                if (rgb == 0x1f883d) {
                    green++;
                }
            }
        }
        assertTrue(colours.size() > 50, "a rendered page has text and bars, not " + colours.size() + " colours");
        assertTrue(green > 1_000, "the green of the bars is visible: " + green + " pixels");
    }

    /** @return the chromium executable on PATH; fails with how to install it when absent */
    static String chromium() {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            for (String name : List.of("chromium", "chromium-browser")) {
                Path candidate = Path.of(dir, name);
                if (Files.isExecutable(candidate)) {
                    return candidate.toString();
                }
            }
        }
        return fail("chromium is not installed (not on PATH): run scripts/setup.sh, which installs Debian's chromium"
                + " (apt-get install chromium)");
    }

    /** Runs headless chromium with a fresh profile directory; returns its standard output. */
    static String run(String chromium, Path out, String... args) throws IOException, InterruptedException {
        Path profile = Files.createTempDirectory("chromium-profile-");
        List<String> command = new ArrayList<>(List.of(chromium, "--headless", "--no-sandbox", "--disable-gpu",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--user-data-dir=" + profile));
        command.addAll(List.of(args));
        Path stdout = Files.createTempFile(out, "chromium-", ".out");
        Path stderr = out.resolve("chromium-stderr.log");
        try {
            Process process = new ProcessBuilder(command).redirectOutput(stdout.toFile())
                    .redirectError(ProcessBuilder.Redirect.appendTo(stderr.toFile())).start();
            if (!process.waitFor(120, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                fail("chromium did not finish within 120 s: " + command + "; see " + stderr);
            }
            assertEquals(0, process.exitValue(), "chromium failed: " + command + "; see " + stderr);
            return Files.readString(stdout, StandardCharsets.UTF_8);
        } finally {
            Files.deleteIfExists(stdout);
            try (Stream<Path> files = Files.walk(profile)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }
}
