package io.heatwatch.console;

import io.heatwatch.console.auth.Role;
import io.heatwatch.console.auth.UserStore;
import io.heatwatch.console.config.ConsoleConfig;
import io.heatwatch.console.es.EsClient;
import io.heatwatch.console.es.Queries;
import io.heatwatch.console.live.LiveView;
import io.heatwatch.job.sinks.IndexTemplates;
import io.heatwatch.model.KafkaTopics;
import io.heatwatch.testkit.ElasticsearchServer;
import io.heatwatch.testkit.KafkaServer;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.CookieManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * The console against a direct Elasticsearch query for the same data, in one run: overview API
 * latency, page-ready time in headless Chromium, and the SSE fan-out of a batch of new readings to
 * {@code pages} open event streams. A {@code main}, not run by {@code verify}.
 *
 * <p>Args: sensors (500), seconds between readings (60), event streams (50).
 */
public final class ConsoleBenchmark {
  private static final DateTimeFormatter DAY =
      DateTimeFormatter.ofPattern("uuuu.MM.dd").withZone(ZoneOffset.UTC);

  public static void main(String[] args) throws Exception {
    int sensors = args.length > 0 ? Integer.parseInt(args[0]) : 500;
    int everyS = args.length > 1 ? Integer.parseInt(args[1]) : 60;
    int pages = args.length > 2 ? Integer.parseInt(args[2]) : 50;
    Path dir = Files.createTempDirectory(Files.createDirectories(Path.of("target")), "bench-");
    try (ElasticsearchServer es = ElasticsearchServer.start(dir.resolve("es"), 0);
        KafkaServer kafka = KafkaServer.start(dir.resolve("kafka"), 0)) {
      kafka.createCompactedTopic(KafkaTopics.SENSOR_CONFIG, 1);
      kafka.createTopics(1, KafkaTopics.ALARM_COMMANDS);
      IndexTemplates.install(es.httpUrl());
      BenchLoader loader = new BenchLoader(es.httpUrl());
      Instant now = Instant.now().truncatedTo(ChronoUnit.MINUTES);
      long started = System.nanoTime();
      long docs = loader.day(sensors, everyS, now);
      System.out.printf(
          "loaded %,d documents (%d sensors, a reading every %d s and 1-minute metrics for a day)"
              + " in %.1f s%n",
          docs, sensors, everyS, (System.nanoTime() - started) / 1e9);
      Path users = dir.resolve("users");
      String password = "bench-" + Long.toHexString(new java.security.SecureRandom().nextLong());
      UserStore.addUser(users, "bench", Role.VIEWER, password.toCharArray());
      try (ConsoleServer console =
          ConsoleServer.start(
              ConsoleConfig.fromMap(
                  Map.of(
                      ConsoleConfig.PORT, "0",
                      ConsoleConfig.USERS_FILE, users.toString(),
                      ConsoleConfig.ELASTICSEARCH_HOSTS, es.httpUrl(),
                      ConsoleConfig.KAFKA_BOOTSTRAP_SERVERS, kafka.bootstrapServers())),
              Clock.systemUTC())) {
        while (!console.live().loaded()) {
          Thread.sleep(100);
        }
        Queries direct =
            new Queries(
                new EsClient(
                    URI.create(es.httpUrl()),
                    Optional.empty(),
                    Optional.empty(),
                    ConsoleServer.json()));
        Supplier<Object> esOverview =
            () -> {
              direct.latestPerSensor(
                  Instant.now().minus(Duration.ofDays(1)), Instant.now().plus(LiveView.MAX_AHEAD));
              direct.activeAlarms();
              direct.devices();
              return direct.sparklines(Instant.now().minus(Duration.ofHours(1)));
            };
        HttpClient http = login(console.url(), password);
        overview(http, console.url(), esOverview);
        pageReady(console.url(), password, sensors, esOverview);
        fanOut(http, console, loader, sensors, pages);
      }
    }
    System.out.printf(
        "machine: %d cores, %s %s, %s %s%n",
        Runtime.getRuntime().availableProcessors(),
        System.getProperty("java.vm.name"),
        System.getProperty("java.version"),
        System.getProperty("os.name"),
        System.getProperty("os.arch"));
  }

  private static void overview(HttpClient http, String url, Supplier<Object> esOverview)
      throws Exception {
    HttpRequest request = HttpRequest.newBuilder(URI.create(url + "api/sensors")).build();
    double[] api = time(300, () -> send(http, request));
    double[] es = time(300, esOverview::get);
    System.out.printf(
        "overview: GET /api/sensors p50 %.1f ms p99 %.1f ms | direct ES (latest per sensor +"
            + " alarms + devices + sparklines) p50 %.1f ms p99 %.1f ms | ratio p99 %.2f%n",
        pct(api, 50), pct(api, 99), pct(es, 50), pct(es, 99), pct(api, 99) / pct(es, 99));
  }

  private static void pageReady(String url, String password, int sensors, Supplier<Object> es)
      throws Exception {
    double[] ready = new double[5];
    long drawn = 0;
    try (Browser browser = new Browser(1280, 900)) {
      ChromeDriver page = browser.driver;
      page.get(url);
      while (page.findElements(By.name("username")).isEmpty()) {
        Thread.sleep(20);
      }
      page.findElement(By.name("username")).sendKeys("bench");
      page.findElement(By.name("password")).sendKeys(password);
      page.findElement(By.cssSelector("#login button[type=submit]")).click();
      waitTiles(page, sensors);
      for (int i = 0; i < ready.length; i++) {
        page.get("about:blank");
        long t0 = System.nanoTime();
        page.get(url);
        drawn = waitTiles(page, sensors);
        ready[i] = (System.nanoTime() - t0) / 1e6;
      }
    }
    double[] direct = time(20, es::get);
    System.out.printf(
        "page ready (%d tiles, the %d near the screen with sparklines, headless Chromium): median"
            + " %.0f ms max %.0f ms | direct ES overview query median %.1f ms | ratio %.1f%n",
        sensors,
        drawn,
        pct(ready, 50),
        pct(ready, 100),
        pct(direct, 50),
        pct(ready, 50) / pct(direct, 50));
  }

  /**
   * Ready: every sensor's tile is on the page and every tile on screen has its sparkline (the page
   * draws the others as they scroll into view). Returns how many sparklines were drawn by then.
   */
  private static long waitTiles(ChromeDriver page, int sensors) throws InterruptedException {
    while (true) {
      long drawn = (Long) page.executeScript(READY_SCRIPT, sensors);
      if (drawn >= 0) {
        return drawn;
      }
      Thread.sleep(10);
    }
  }

  private static final String READY_SCRIPT =
      """
      const tiles = document.querySelectorAll('.tile');
      if (tiles.length < arguments[0]) return -1;
      let drawn = 0;
      for (const t of tiles) {
        const r = t.getBoundingClientRect();
        const has = t.querySelector('.spark').childElementCount > 0;
        if (has) drawn++;
        else if (r.bottom > 0 && r.top < window.innerHeight) return -1;
      }
      return drawn;
      """;

  private static void fanOut(
      HttpClient http, ConsoleServer console, BenchLoader loader, int sensors, int pages)
      throws Exception {
    AtomicLong marker = new AtomicLong();
    Object lock = new Object();
    CountDownLatch[] round = new CountDownLatch[1];
    for (int i = 0; i < pages; i++) {
      HttpRequest request =
          HttpRequest.newBuilder(URI.create(console.url() + "api/events")).build();
      HttpResponse<java.io.InputStream> stream =
          http.send(request, HttpResponse.BodyHandlers.ofInputStream());
      Thread reader =
          new Thread(
              () -> {
                try (BufferedReader in =
                    new BufferedReader(
                        new InputStreamReader(stream.body(), StandardCharsets.UTF_8))) {
                  String line;
                  while ((line = in.readLine()) != null) {
                    if (line.startsWith("data:")
                        && line.contains("\"tempC\":" + marker.get() + ".5")) {
                      synchronized (lock) {
                        round[0].countDown();
                      }
                    }
                  }
                } catch (java.io.IOException e) {
                  // the stream ends with the run
                }
              });
      reader.setDaemon(true);
      reader.start();
    }
    while (console.listeners() < pages) {
      Thread.sleep(10);
    }
    int rounds = 10;
    double[] fan = new double[rounds];
    double[] direct = new double[rounds];
    for (int r = 0; r < rounds; r++) {
      long value = 60 + r;
      marker.set(value);
      synchronized (lock) {
        round[0] = new CountDownLatch(pages);
      }
      long t0 = System.nanoTime();
      loader.newest(sensors, value + 0.5);
      round[0].await();
      fan[r] = (System.nanoTime() - t0) / 1e6;
      // baseline: the same batch indexed and then found by one direct query
      long t1 = System.nanoTime();
      loader.newest(sensors, value + 0.25);
      loader.awaitSearchable(value + 0.25);
      direct[r] = (System.nanoTime() - t1) / 1e6;
    }
    System.out.printf(
        "SSE fan-out: %d readings indexed → seen on all %d event streams: median %.0f ms max %.0f"
            + " ms | indexed → found by one direct ES query: median %.0f ms | ratio %.1f%n",
        sensors,
        pages,
        pct(fan, 50),
        pct(fan, 100),
        pct(direct, 50),
        pct(fan, 50) / pct(direct, 50));
  }

  private static HttpClient login(String url, String password) throws Exception {
    HttpClient http = HttpClient.newBuilder().cookieHandler(new CookieManager()).build();
    HttpResponse<String> r =
        http.send(
            HttpRequest.newBuilder(URI.create(url + "api/login"))
                .header("Content-Type", "application/json")
                .POST(
                    HttpRequest.BodyPublishers.ofString(
                        "{\"username\":\"bench\",\"password\":\"" + password + "\"}"))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    if (r.statusCode() != 200) {
      throw new IllegalStateException("login: " + r.body());
    }
    return http;
  }

  private static Object send(HttpClient http, HttpRequest request) {
    try {
      HttpResponse<byte[]> r = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
      if (r.statusCode() != 200) {
        throw new IllegalStateException("status " + r.statusCode());
      }
      return r.body();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static double[] time(int n, Supplier<Object> call) {
    for (int i = 0; i < n / 5; i++) {
      call.get();
    }
    double[] ms = new double[n];
    for (int i = 0; i < n; i++) {
      long t0 = System.nanoTime();
      call.get();
      ms[i] = (System.nanoTime() - t0) / 1e6;
    }
    return ms;
  }

  private static double pct(double[] values, int p) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    int i = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
    return sorted[Math.max(0, Math.min(sorted.length - 1, i))];
  }

  static String day(Instant t) {
    return DAY.format(t);
  }
}
