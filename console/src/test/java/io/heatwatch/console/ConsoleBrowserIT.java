package io.heatwatch.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.heatwatch.model.Pipeline;
import io.heatwatch.model.Pipeline.Stage;
import io.heatwatch.testkit.ElasticsearchExtension;
import io.heatwatch.testkit.ElasticsearchServer;
import io.heatwatch.testkit.FlinkCluster;
import io.heatwatch.testkit.FlinkExtension;
import io.heatwatch.testkit.KafkaExtension;
import io.heatwatch.testkit.KafkaServer;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.Select;

/** The page in headless Chromium, against the real job: what an operator does on a shift. */
@ExtendWith({KafkaExtension.class, ElasticsearchExtension.class, FlinkExtension.class})
class ConsoleBrowserIT {
  private static final Duration DEADLINE = Duration.ofSeconds(60);

  private ConsoleStack stack;
  private SimulatedFleet fleet;

  @BeforeEach
  void start(KafkaServer kafka, ElasticsearchServer elasticsearch, FlinkCluster flink)
      throws Exception {
    stack = ConsoleStack.get(kafka, elasticsearch, flink);
    String prefix = "b" + UUID.randomUUID().toString().substring(0, 6);
    fleet = new SimulatedFleet(kafka.bootstrapServers(), prefix, 3, 2);
  }

  @AfterEach
  void stop() throws Exception {
    fleet.close();
  }

  @Test
  void anOperatorSeesTheFleetAcknowledgesASpikeAndChangesAThreshold() {
    try (Browser browser = new Browser(1280, 900)) {
      ChromeDriver page = browser.driver;
      page.get(stack.console.url());
      await()
          .ignoreExceptions()
          .atMost(DEADLINE)
          .until(() -> !page.findElements(By.id("login")).isEmpty());
      browser.screenshot("01-login");
      page.findElement(By.name("username")).sendKeys(ConsoleStack.OPERATOR);
      page.findElement(By.name("password")).sendKeys(stack.operatorPassword);
      page.findElement(By.cssSelector("#login button[type=submit]")).click();

      // every simulated sensor on the overview with a value, within a few seconds
      await()
          .ignoreExceptions()
          .atMost(Duration.ofSeconds(30))
          .untilAsserted(
              () -> {
                for (String sensor : fleet.sensors) {
                  assertThat(tile(page, sensor).findElement(By.className("value")).getText())
                      .matches("-?\\d+\\.\\d °C");
                  // on screen, so its sparkline (or the note that it comes later) is drawn
                  assertThat(sparkDrawn(page, tile(page, sensor))).as(sensor).isTrue();
                }
              });
      browser.screenshot("02-overview");

      // an injected fault shows as an open alarm on its tile
      String hot = fleet.sensors.get(0);
      fleet.hold(hot, 42.0);
      await()
          .ignoreExceptions()
          .atMost(DEADLINE)
          .untilAsserted(
              () ->
                  assertThat(tile(page, hot).getAttribute("class"))
                      .containsAnyOf("warning", "critical"));
      browser.screenshot("03-overview-alarm");

      // acknowledged on the alarms page: ACKNOWLEDGED in Elasticsearch and on the page
      page.get(stack.console.url() + "#/alarms");
      WebElement row =
          await()
              .ignoreExceptions()
              .atMost(DEADLINE)
              .until(() -> openAlarmRow(page, hot), r -> r != null);
      String alarmId = row.getAttribute("data-alarm");
      row.findElement(By.className("comment")).sendKeys("compressor restarted");
      browser.screenshot("04-alarms-open");
      row.findElement(By.className("ack")).click();
      await()
          .ignoreExceptions()
          .atMost(DEADLINE)
          .untilAsserted(
              () -> {
                JsonNode doc = stack.es.get("heatwatch-alarms", alarmId);
                assertThat(doc).isNotNull();
                assertThat(doc.at("/_source/state").asText()).isEqualTo("ACKNOWLEDGED");
                assertThat(doc.at("/_source/ackComment").asText())
                    .isEqualTo("compressor restarted");
              });
      await()
          .ignoreExceptions()
          .atMost(DEADLINE)
          .untilAsserted(
              () ->
                  assertThat(alarmRow(page, alarmId).findElement(By.className("state")).getText())
                      .isEqualTo("ACKNOWLEDGED"));
      browser.screenshot("05-alarms-acknowledged");

      // a threshold edit on the sensor page takes effect in the job
      String tuned = fleet.sensors.get(1);
      page.get(stack.console.url() + "#/sensor/" + SimulatedFleet.deviceOf(tuned) + "/" + tuned);
      WebElement high =
          await()
              .ignoreExceptions()
              .atMost(DEADLINE)
              .until(() -> page.findElements(By.name("highC")), l -> !l.isEmpty())
              .get(0);
      high.sendKeys("5");
      page.findElement(By.name("name")).sendKeys("walk-in fridge, top shelf");
      page.findElement(By.cssSelector("#thresholds button[type=submit]")).click();
      await()
          .ignoreExceptions()
          .atMost(DEADLINE)
          .untilAsserted(
              () -> {
                JsonNode hits =
                    stack
                        .es
                        .search(
                            "heatwatch-alarms",
                            "{\"query\":{\"bool\":{\"filter\":[{\"term\":{\"sensorId\":\""
                                + tuned
                                + "\"}},{\"term\":{\"kind\":\"HIGH\"}}]}}}")
                        .at("/hits/hits");
                assertThat(hits).isNotEmpty();
                assertThat(hits.get(0).at("/_source/threshold").asDouble()).isEqualTo(5.0);
              });
      page.navigate().refresh();
      await()
          .ignoreExceptions()
          .atMost(DEADLINE)
          .untilAsserted(
              () ->
                  assertThat(page.findElement(By.cssSelector(".sensor-head h1")).getText())
                      .isEqualTo("walk-in fridge, top shelf"));
      await()
          .ignoreExceptions()
          .atMost(DEADLINE)
          .until(() -> !page.findElements(By.cssSelector("#chart canvas")).isEmpty());
      browser.screenshot("06-sensor");

      page.get(stack.console.url() + "#/fleet");
      await()
          .ignoreExceptions()
          .atMost(DEADLINE)
          .untilAsserted(
              () -> {
                for (String device : fleet.devices) {
                  assertThat(
                          page.findElement(By.cssSelector("tr[data-device='" + device + "']"))
                              .getText())
                      .contains("ONLINE");
                }
              });
      browser.screenshot("07-fleet");

      // back to normal, the HIGH clears with its excursion summary in words
      fleet.release(hot);
      page.get(stack.console.url() + "#/alarms");
      await()
          .ignoreExceptions()
          .atMost(DEADLINE)
          .untilAsserted(
              () ->
                  assertThat(
                          alarmRow(page, alarmId).findElement(By.className("excursion")).getText())
                      .matches("lasted \\d+ (s|min), peak 42\\.0 °C, mean .+ °C, MKT .+ °C"));
      browser.screenshot("07b-alarm-cleared-excursion");

      // who was told: the notifier's delivery log, under the alarm (issue 20)
      alarmRow(page, alarmId).findElement(By.cssSelector(".notifications summary")).click();
      await()
          .ignoreExceptions()
          .atMost(DEADLINE)
          .untilAsserted(
              () -> {
                WebElement log = alarmRow(page, alarmId).findElement(By.className("notifications"));
                assertThat(log.findElements(By.cssSelector("tr[data-delivery]")))
                    .hasSizeGreaterThan(1);
                assertThat(log.getText()).contains("ops-hook", "OPENED", "CLEARED", "SENT");
              });
      browser.screenshot("07c-alarm-notifications");
    }
  }

  @Test
  void theOverviewIsReadableOnAPhone() {
    try (Browser browser = new Browser(390, 844)) {
      ChromeDriver page = browser.driver;
      page.get(stack.console.url());
      await()
          .ignoreExceptions()
          .atMost(DEADLINE)
          .until(() -> !page.findElements(By.id("login")).isEmpty());
      page.findElement(By.name("username")).sendKeys(ConsoleStack.VIEWER);
      page.findElement(By.name("password")).sendKeys(stack.viewerPassword);
      page.findElement(By.cssSelector("#login button[type=submit]")).click();
      await()
          .ignoreExceptions()
          .atMost(Duration.ofSeconds(30))
          .untilAsserted(
              () -> assertThat(tile(page, fleet.sensors.get(5)).getText()).contains("°C"));
      Long overflow =
          (Long)
              page.executeScript(
                  "return document.documentElement.scrollWidth - document.documentElement.clientWidth;");
      assertThat(overflow).as("horizontal overflow in px").isLessThanOrEqualTo(0L);
      browser.screenshot("08-phone-overview");
      // sparklines are drawn as tiles come near the screen: the last one once scrolled to
      // the page draws its tiles again on live events: find the last one afresh on each try
      await()
          .ignoreExceptions()
          .atMost(Duration.ofSeconds(10))
          .until(
              () -> {
                List<WebElement> tiles = page.findElements(By.className("tile"));
                WebElement last = tiles.get(tiles.size() - 1);
                page.executeScript("arguments[0].scrollIntoView();", last);
                return sparkDrawn(page, last);
              });
      page.get(
          stack.console.url()
              + "#/sensor/"
              + SimulatedFleet.deviceOf(fleet.sensors.get(2))
              + "/"
              + fleet.sensors.get(2));
      await()
          .ignoreExceptions()
          .atMost(DEADLINE)
          .until(
              () -> !page.findElements(By.cssSelector("#thresholds button[disabled]")).isEmpty());
      browser.screenshot("09-phone-sensor-viewer");
    }
  }

  @Test
  void anOperatorSeesWhichStageStoppedInABannerAndNotAfterItFlowsAgain() {
    try (Browser browser = new Browser(1280, 900)) {
      ChromeDriver page = browser.driver;
      page.get(stack.console.url());
      await()
          .ignoreExceptions()
          .atMost(DEADLINE)
          .until(() -> !page.findElements(By.id("login")).isEmpty());
      page.findElement(By.name("username")).sendKeys(ConsoleStack.OPERATOR);
      page.findElement(By.name("password")).sendKeys(stack.operatorPassword);
      page.findElement(By.cssSelector("#login button[type=submit]")).click();

      // the strip: every stage of the pipeline, all flowing, no banner
      await()
          .ignoreExceptions()
          .atMost(DEADLINE)
          .untilAsserted(
              () -> {
                assertThat(page.findElements(By.cssSelector("#health .stage.ok"))).hasSize(5);
                assertThat(page.findElement(By.id("health")).getText())
                    .contains("broker", "bridge", "kafka", "job", "elasticsearch");
                assertThat(page.findElement(By.id("banner")).isDisplayed()).isFalse();
              });
      browser.screenshot("10-health-strip-ok");

      // the watchdog says the bridge stopped: a red banner names it, the strip marks it
      stack.watchdog.stall(Stage.BRIDGE);
      await()
          .ignoreExceptions()
          .atMost(DEADLINE)
          .untilAsserted(
              () -> {
                WebElement banner = page.findElement(By.id("banner"));
                assertThat(banner.isDisplayed()).isTrue();
                assertThat(banner.getText()).containsIgnoringCase("bridge");
                assertThat(
                        page.findElement(By.cssSelector("#health .stage[data-stage='bridge']"))
                            .getAttribute("class"))
                    .contains("stalled");
              });
      browser.screenshot("11-banner-bridge-stalled");
      stack.watchdog.flow();
      await()
          .ignoreExceptions()
          .atMost(DEADLINE)
          .untilAsserted(
              () -> assertThat(page.findElement(By.id("banner")).isDisplayed()).isFalse());

      // a PIPELINE_STALLED alarm the watchdog wrote raises it too, on every page, until cleared
      page.get(stack.console.url() + "#/alarms");
      String alarmId = Pipeline.DEVICE_ID + ":job:PIPELINE_STALLED:" + UUID.randomUUID();
      Instant opened = Instant.now();
      stack.indexAlarm(alarmId, PipelineHealthIT.stalledAlarm(alarmId, 1, "OPEN", opened, null));
      await()
          .ignoreExceptions()
          .atMost(DEADLINE)
          .untilAsserted(
              () -> {
                WebElement banner = page.findElement(By.id("banner"));
                assertThat(banner.isDisplayed()).isTrue();
                assertThat(banner.getText()).containsIgnoringCase("job");
                assertThat(alarmRow(page, alarmId).getText())
                    .containsIgnoringCase("pipeline stalled")
                    .containsIgnoringCase("stage job");
              });
      browser.screenshot("12-banner-job-alarm");
      stack.indexAlarm(
          alarmId, PipelineHealthIT.stalledAlarm(alarmId, 2, "CLEARED", opened, Instant.now()));
      await()
          .ignoreExceptions()
          .atMost(DEADLINE)
          .untilAsserted(
              () -> {
                assertThat(page.findElement(By.id("banner")).isDisplayed()).isFalse();
                assertThat(alarmRow(page, alarmId).findElement(By.className("state")).getText())
                    .isEqualTo("CLEARED");
              });
      browser.screenshot("13-banner-gone");
    } finally {
      stack.watchdog.flow();
    }
  }

  @Test
  void anOperatorSetsASilenceBoundResolvesAnAlarmAndRetiresASensor() {
    ApiClient api = stack.login(ConsoleStack.OPERATOR);
    try (Browser browser = new Browser(1280, 900)) {
      ChromeDriver page = browser.driver;
      page.get(stack.console.url());
      await()
          .ignoreExceptions()
          .atMost(DEADLINE)
          .until(() -> !page.findElements(By.id("login")).isEmpty());
      page.findElement(By.name("username")).sendKeys(ConsoleStack.OPERATOR);
      page.findElement(By.name("password")).sendKeys(stack.operatorPassword);
      page.findElement(By.cssSelector("#login button[type=submit]")).click();
      await()
          .ignoreExceptions()
          .atMost(DEADLINE)
          .until(() -> !page.findElements(By.className("tile")).isEmpty());

      // the silence bound on the sensor page
      String quiet = fleet.sensors.get(3);
      String quietPath = SimulatedFleet.deviceOf(quiet) + "/" + quiet;
      page.get(stack.console.url() + "#/sensor/" + quietPath);
      WebElement silent =
          await()
              .ignoreExceptions()
              .atMost(DEADLINE)
              .until(() -> page.findElements(By.name("silentAfterS")), l -> !l.isEmpty())
              .get(0);
      silent.sendKeys("900");
      // a profile: the empty fields show its defaults, which the API serves
      new Select(page.findElement(By.name("profile"))).selectByValue("COLD_ROOM");
      assertThat(page.findElement(By.name("highC")).getAttribute("placeholder"))
          .isEqualTo("default 8");
      page.findElement(By.cssSelector("#thresholds button[type=submit]")).click();
      await()
          .atMost(DEADLINE)
          .untilAsserted(
              () -> {
                JsonNode config = api.get("/api/sensors/" + quietPath + "/series").body();
                assertThat(config.at("/config/silentAfterS").asLong()).isEqualTo(900L);
                assertThat(config.at("/config/profile").asText()).isEqualTo("COLD_ROOM");
              });

      // a stale alarm resolved from its row, with the reason
      String hot = fleet.sensors.get(4);
      fleet.hold(hot, 42.0);
      page.get(stack.console.url() + "#/alarms");
      WebElement row =
          await()
              .ignoreExceptions()
              .atMost(DEADLINE)
              .until(() -> openAlarmRow(page, hot), r -> r != null);
      String alarmId = row.getAttribute("data-alarm");
      row.findElement(By.className("comment")).sendKeys("probe moved to the other freezer");
      browser.screenshot("14-alarm-resolve");
      // the list is drawn again on every alarm event of the fleet: what was typed stays
      await()
          .ignoreExceptions()
          .atMost(DEADLINE)
          .untilAsserted(
              () -> {
                WebElement again = alarmRow(page, alarmId);
                assertThat(again.findElement(By.className("comment")).getAttribute("value"))
                    .isEqualTo("probe moved to the other freezer");
                again.findElement(By.className("resolve")).click();
              });
      await()
          .ignoreExceptions()
          .atMost(DEADLINE)
          .untilAsserted(
              () -> {
                JsonNode doc = stack.es.get("heatwatch-alarms", alarmId);
                assertThat(doc.at("/_source/state").asText()).isEqualTo("CLEARED");
                assertThat(doc.at("/_source/message").asText())
                    .contains("probe moved to the other freezer");
              });
      fleet.release(hot);

      // retire from the sensor page, after the browser's confirmation
      page.get(stack.console.url() + "#/sensor/" + quietPath);
      await()
          .ignoreExceptions()
          .atMost(DEADLINE)
          .until(() -> !page.findElements(By.id("retire")).isEmpty());
      // the profile's line makes the form taller: the resolve's toast may cover the button a while
      await().atMost(DEADLINE).until(() -> page.findElements(By.className("toast")).isEmpty());
      browser.screenshot("15-sensor-silence-and-retire");
      page.findElement(By.id("retire")).click();
      page.switchTo().alert().accept();
      await()
          .atMost(DEADLINE)
          .untilAsserted(
              () ->
                  assertThat(
                          api.get("/api/sensors/" + quietPath + "/series")
                              .body()
                              .at("/config/retiredAt")
                              .isTextual())
                      .isTrue());
      await().atMost(DEADLINE).until(() -> page.getCurrentUrl().endsWith("#/"));

      // a channel tested from the Notifications page: the test's row says it arrived
      int hooksBefore = stack.webhooks.size();
      page.findElement(By.cssSelector("nav a[data-nav=notify]")).click();
      WebElement sent = sendTest(page, "ops-hook");
      String testId = sent.getAttribute("data-test");
      assertThat(sent.getText()).contains("HTTP 204");
      assertThat(stack.webhooks.subList(hooksBefore, stack.webhooks.size()))
          .anyMatch(body -> body.contains(testId));
      // drawn again, the page lists the test from the delivery log
      page.navigate().refresh();
      await()
          .ignoreExceptions()
          .atMost(DEADLINE)
          .until(
              () ->
                  page.findElement(By.cssSelector("#tests-body tr[data-test='" + testId + "']"))
                      .getText()
                      .contains("SENT"));
      browser.screenshot("16-notifications-send-test");

      // a channel and a policy configured on the same page, the channel tested, the test in the log
      JsonNode before = api.get("/api/notifier/settings").body().path("applied");
      try {
        configureAChannelAndAPolicyAndTestIt(page, browser, before);
      } finally {
        // the other tests on this stack expect the notifier's own file: save its sections back
        long now = api.get("/api/notifier/settings").body().at("/applied/version").asLong();
        Map<String, Object> back = new java.util.HashMap<>();
        back.put("baseVersion", now);
        for (String section : List.of("channels", "recipients", "policies")) {
          back.put(section, before.path(section).asText());
        }
        if (now != before.path("version").asLong()) {
          assertThat(api.put("/api/notifier/settings", back).status()).isEqualTo(202);
          await()
              .atMost(DEADLINE)
              .until(
                  () -> api.get("/api/notifier/settings").body().at("/applied/version").asLong(),
                  v -> v > now);
        }
      }
    }
  }

  private void configureAChannelAndAPolicyAndTestIt(
      ChromeDriver page, Browser browser, JsonNode before) {
    String channels = before.path("channels").asText();
    java.util.regex.Matcher url = java.util.regex.Pattern.compile("url: (\\S+)").matcher(channels);
    assertThat(url.find()).as(channels).isTrue();
    WebElement channelsBox =
        await()
            .ignoreExceptions()
            .atMost(DEADLINE)
            .until(() -> page.findElement(By.id("settings-channels")), e -> e != null);
    // the new channel's signing secret typed in and sealed: the page never shows it again
    String secret = "whsec_ZnJlZXplci1yb29tLXNpZ25pbmctc2VjcmV0LTMyYg==";
    page.findElement(By.id("seal-value")).sendKeys(secret);
    page.findElement(By.id("seal")).click();
    String sealed =
        await()
            .atMost(DEADLINE)
            .until(
                () -> page.findElement(By.id("seal-out")).getAttribute("value"),
                v -> v.startsWith("sealed:v1:"));
    assertThat(page.findElement(By.id("seal-value")).getAttribute("value")).isEmpty();
    assertThat(page.getPageSource()).doesNotContain(secret);
    channelsBox.sendKeys(
        Keys.chord(Keys.CONTROL, Keys.END),
        "\nfreezer-room:\n  type: webhook\n  url: "
            + url.group(1)
            + "\n  secret: "
            + sealed
            + "\n");
    WebElement policies = page.findElement(By.id("settings-policies"));
    // first with a mistake: the notifier refuses it and says where
    policies.clear();
    policies.sendKeys(
        "- name: freezers\n  levels:\n    - notify: [{channel: freezer-rom}]\n"
            + "- name: everything-else\n  levels:\n    - notify: [{channel: ops-hook}]\n");
    page.findElement(By.id("settings-save")).click();
    WebElement problems =
        await()
            .ignoreExceptions()
            .atMost(DEADLINE)
            .until(() -> page.findElement(By.id("settings-problems")), e -> e.isDisplayed());
    assertThat(problems.getText())
        .contains("was not applied", "policies[0].levels[0].notify[0].channel", "freezer-rom");
    browser.screenshot("17-notifier-settings-refused");

    policies = page.findElement(By.id("settings-policies"));
    policies.clear();
    policies.sendKeys(
        "- name: freezers\n  match: {sites: [freezers]}\n  levels:\n"
            + "    - notify: [{channel: freezer-room}]\n"
            + "- name: everything-else\n  levels:\n    - notify: [{channel: ops-hook}]\n");
    page.findElement(By.id("settings-save")).click();
    // applied, the page is drawn again with the new channel, ready to test
    await()
        .ignoreExceptions()
        .atMost(DEADLINE)
        .until(
            () -> {
              if (page.findElements(By.cssSelector("#channels tr[data-channel=freezer-room]"))
                  .isEmpty()) {
                page.navigate().refresh();
                return null;
              }
              return page.findElement(By.cssSelector("#channels tr[data-channel=freezer-room]"));
            },
            r -> r != null);
    await()
        .ignoreExceptions()
        .atMost(DEADLINE)
        .untilAsserted(
            () -> {
              assertThat(page.findElement(By.id("settings-version")).getText())
                  .contains("In effect: version", "saved by " + ConsoleStack.OPERATOR);
              assertThat(page.findElement(By.id("policies")).getText()).contains("freezers");
            });
    WebElement sent = sendTest(page, "freezer-room");
    assertThat(sent.getText()).contains("freezer-room", "HTTP 204");
    String testId = sent.getAttribute("data-test");
    assertThat(stack.webhooks).anyMatch(body -> body.contains(testId));
    browser.screenshot("18-notifier-settings-applied-and-tested");
  }

  /**
   * Presses Send test in the channel's row and returns the test's row once it says SENT: the recent
   * tests list earlier ones (other tests' too), so this one is the row not there before.
   */
  private static WebElement sendTest(ChromeDriver page, String channel) {
    // the page is drawn in full (an operator's ends with the settings card) before rows are read
    await().atMost(DEADLINE).until(() -> !page.findElements(By.id("settings")).isEmpty());
    List<String> earlier =
        await()
            .ignoreExceptions()
            .atMost(DEADLINE)
            .until(
                () ->
                    page.findElements(By.cssSelector("#tests-body tr")).stream()
                        .map(r -> r.getAttribute("data-test"))
                        .toList(),
                rows -> true);
    await()
        .ignoreExceptions()
        .atMost(DEADLINE)
        .untilAsserted(
            () ->
                page.findElement(
                        By.cssSelector("#channels tr[data-channel=" + channel + "] .send-test"))
                    .click());
    return await()
        .ignoreExceptions()
        .atMost(DEADLINE)
        .until(
            () ->
                page.findElements(By.cssSelector("#tests-body tr")).stream()
                    .filter(r -> !earlier.contains(r.getAttribute("data-test")))
                    .filter(r -> !r.findElements(By.cssSelector(".pill.SENT")).isEmpty())
                    .findFirst()
                    .orElse(null),
            r -> r != null);
  }

  private static boolean sparkDrawn(ChromeDriver page, WebElement tile) {
    return (Boolean)
        page.executeScript(
            "return arguments[0].querySelector('.spark').childElementCount > 0;", tile);
  }

  private static WebElement tile(ChromeDriver page, String sensor) {
    return page.findElement(
        By.cssSelector(
            ".tile[data-sensor='" + SimulatedFleet.deviceOf(sensor) + "/" + sensor + "']"));
  }

  private static WebElement alarmRow(ChromeDriver page, String alarmId) {
    return page.findElement(By.cssSelector(".alarm[data-alarm='" + alarmId + "']"));
  }

  private static WebElement openAlarmRow(ChromeDriver page, String sensor) {
    List<WebElement> rows = page.findElements(By.cssSelector(".alarm.OPEN"));
    for (WebElement row : rows) {
      String id = row.getAttribute("data-alarm");
      if (id != null && id.contains(":" + sensor + ":HIGH:")) {
        return row;
      }
    }
    page.navigate().refresh();
    return null;
  }
}
