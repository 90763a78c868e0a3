package io.heatwatch.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.CookieManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.flink.api.common.JobStatus;

/**
 * Looks at the stack every second while garbage flows: the source connector and its task RUNNING,
 * the job RUNNING, the console answering a logged-in operator; remembers every moment one was not.
 */
final class StackWatch implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration CONSOLE_TIMEOUT = Duration.ofSeconds(10);

  private final LocalStack stack;
  private final DemoConsole console;
  private final HttpClient http;
  private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
  private final List<String> problems = Collections.synchronizedList(new ArrayList<>());
  private final AtomicLong looks = new AtomicLong();

  private StackWatch(LocalStack stack, DemoConsole console) {
    this.stack = stack;
    this.console = console;
    this.http =
        HttpClient.newBuilder()
            .cookieHandler(new CookieManager())
            .connectTimeout(CONSOLE_TIMEOUT)
            .build();
  }

  static StackWatch start(LocalStack stack, DemoConsole console) throws Exception {
    StackWatch watch = new StackWatch(stack, console);
    int login =
        watch.send(
            "POST",
            "/api/login",
            JSON.writeValueAsString(
                java.util.Map.of("username", DemoConsole.USER, "password", console.password())));
    assertThat(login).as("console login").isEqualTo(200);
    watch.timer.scheduleWithFixedDelay(watch::look, 0, 1, TimeUnit.SECONDS);
    return watch;
  }

  private void look() {
    looks.incrementAndGet();
    try {
      JsonNode status = stack.connect().status(LocalStack.SOURCE_CONNECTOR);
      String connector = status.path("connector").path("state").asText();
      String task = status.path("tasks").path(0).path("state").asText();
      if (!"RUNNING".equals(connector) || !"RUNNING".equals(task)) {
        problem("source connector " + connector + ", task " + task + " " + status.path("tasks"));
      }
      JobStatus job = stack.job().getJobStatus().get(10, TimeUnit.SECONDS);
      if (job != JobStatus.RUNNING) {
        problem("job " + job);
      }
      int sensors = send("GET", "/api/sensors", null);
      if (sensors != 200) {
        problem("console /api/sensors answered " + sensors);
      }
    } catch (Exception e) {
      problem("look failed: " + e);
    }
  }

  private void problem(String what) {
    if (problems.size() < 50) {
      problems.add(Instant.now() + " " + what);
    }
  }

  private int send(String method, String path, String body) throws Exception {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(console.url().replaceAll("/+$", "") + path))
            .timeout(CONSOLE_TIMEOUT)
            .header("Content-Type", "application/json")
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body))
            .build();
    return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
  }

  /** Nothing stopped, nothing restarted, the console answered at every look. */
  void assertHealthyThroughout() throws Exception {
    assertThat(looks.get()).as("looks at the stack").isGreaterThan(10);
    assertThat(problems).as("moments the stack was not healthy").isEmpty();
    // A job that ever failed or restarted keeps the time it last entered that state.
    var graph = stack.flink().miniCluster().getExecutionGraph(stack.job().getJobID()).get();
    assertThat(graph.getStatusTimestamp(JobStatus.RESTARTING)).as("job restarted at").isZero();
    assertThat(graph.getStatusTimestamp(JobStatus.FAILING)).as("job failing at").isZero();
  }

  @Override
  public void close() {
    timer.shutdownNow();
  }
}
