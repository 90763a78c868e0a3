package io.heatwatch.console;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.heatwatch.console.api.AlarmsApi;
import io.heatwatch.console.api.ApiException;
import io.heatwatch.console.api.AuthApi;
import io.heatwatch.console.api.ConfigApi;
import io.heatwatch.console.api.DevicesApi;
import io.heatwatch.console.api.Exchanges;
import io.heatwatch.console.api.LoginGuard;
import io.heatwatch.console.api.NotificationsApi;
import io.heatwatch.console.api.NotifierApi;
import io.heatwatch.console.api.PipelineApi;
import io.heatwatch.console.api.SensorsApi;
import io.heatwatch.console.audit.AuditLog;
import io.heatwatch.console.auth.Role;
import io.heatwatch.console.auth.Sessions;
import io.heatwatch.console.auth.Sessions.Session;
import io.heatwatch.console.auth.UserStore;
import io.heatwatch.console.config.ConsoleConfig;
import io.heatwatch.console.es.EsClient;
import io.heatwatch.console.es.Queries;
import io.heatwatch.console.health.ConsoleHealth;
import io.heatwatch.console.health.WatchdogHealth;
import io.heatwatch.console.kafka.CommandPublisher;
import io.heatwatch.console.kafka.DeliveryLog;
import io.heatwatch.console.kafka.NotifierCatalogue;
import io.heatwatch.console.kafka.SensorConfigs;
import io.heatwatch.console.live.EventHub;
import io.heatwatch.console.live.LiveView;
import io.undertow.Handlers;
import io.undertow.Undertow;
import io.undertow.UndertowOptions;
import io.undertow.server.HttpHandler;
import io.undertow.server.RoutingHandler;
import io.undertow.server.handlers.sse.ServerSentEventHandler;
import io.undertow.util.HeaderMap;
import io.undertow.util.HeaderValues;
import io.undertow.util.Headers;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The console: its API, its event stream and its page, on one embedded Undertow server. */
public final class ConsoleServer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ConsoleServer.class);

  private final Undertow server;
  private final LiveView live;
  private final EventHub hub;
  private final ScheduledExecutorService sweeper;
  private final SensorConfigs configs;
  private final DeliveryLog deliveries;
  private final NotifierCatalogue catalogue;
  private final CommandPublisher commands;
  private final Optional<WatchdogHealth> watchdog;
  private final ConsoleHealth health;
  private final String url;

  private ConsoleServer(
      Undertow server,
      LiveView live,
      EventHub hub,
      ScheduledExecutorService sweeper,
      SensorConfigs configs,
      DeliveryLog deliveries,
      NotifierCatalogue catalogue,
      CommandPublisher commands,
      Optional<WatchdogHealth> watchdog,
      ConsoleHealth health,
      String url) {
    this.server = server;
    this.live = live;
    this.hub = hub;
    this.sweeper = sweeper;
    this.configs = configs;
    this.deliveries = deliveries;
    this.catalogue = catalogue;
    this.commands = commands;
    this.watchdog = watchdog;
    this.health = health;
    this.url = url;
  }

  /** The JSON mapper of the API: ISO-8601 instants, no timestamps. */
  public static ObjectMapper json() {
    return JsonMapper.builder()
        .addModule(new JavaTimeModule())
        .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
        .build();
  }

  /** Starts the console; it serves at once and fills its live view in the background. */
  public static ConsoleServer start(ConsoleConfig config, Clock clock) {
    ObjectMapper json = json();
    Exchanges io = new Exchanges(json);
    UserStore users = new UserStore(config.usersFile());
    EsClient es =
        new EsClient(
            config.elasticsearchUrl(),
            config.elasticsearchLogin(),
            config.elasticsearchCaFile(),
            json);
    Queries queries = new Queries(es);
    EventHub hub =
        new EventHub(
            config.events().maxPerUser(),
            config.events().maxTotal(),
            config.events().maxQueuedBytes());
    Sessions sessions =
        new Sessions(config.sessionTimeout(), config.sessionMaxLifetime(), users, clock);
    LiveView live = new LiveView(queries, hub, json, clock, config.pollInterval());
    SensorConfigs configs = new SensorConfigs(config.kafkaBootstrapServers());
    DeliveryLog deliveries = new DeliveryLog(config.kafkaBootstrapServers());
    NotificationsApi notifications = new NotificationsApi(deliveries, io);
    NotifierCatalogue catalogue = new NotifierCatalogue(config.kafkaBootstrapServers());
    CommandPublisher commands = new CommandPublisher(config.kafkaBootstrapServers());
    AuditLog audit = new AuditLog(es, json, clock);
    AuthApi auth =
        new AuthApi(
            users,
            sessions,
            new LoginGuard(
                config.login().attemptsPerAddressPerMinute(),
                config.login().failuresPerUserPerMinute(),
                config.login().maxConcurrentChecks(),
                clock),
            hub::endSession,
            io,
            config.secureCookie());
    SensorsApi sensors =
        new SensorsApi(live, queries, configs, config.defaults(), config.rawMaxRange(), io, clock);
    AlarmsApi alarms = new AlarmsApi(queries, commands, audit, io, clock);
    NotifierApi notifier = new NotifierApi(catalogue, deliveries, commands, audit, io, clock);
    ConfigApi configApi = new ConfigApi(configs, live, commands, audit, io, clock);
    DevicesApi devices = new DevicesApi(live, io);
    Optional<WatchdogHealth> watchdog =
        config
            .watchdog()
            .url()
            .map(u -> new WatchdogHealth(u, config.watchdog().pollInterval(), json, clock));
    if (watchdog.isEmpty()) {
      LOG.info(
          "no {} set: the page shows no pipeline health strip; its banner follows"
              + " PIPELINE_STALLED alarms alone",
          ConsoleConfig.WATCHDOG_URL);
    }
    ConsoleHealth health =
        new ConsoleHealth(config.kafkaBootstrapServers(), live::elasticsearchUp, clock);
    PipelineApi pipeline = new PipelineApi(watchdog, live, health, io);

    ServerSentEventHandler sse =
        Handlers.serverSentEvents(
            (connection, lastEventId) -> {
              connection.setKeepAliveTime(15_000);
              String token = sessionToken(connection.getRequestHeaders());
              Optional<Session> session = sessions.find(token);
              if (session.isEmpty()) {
                connection.shutdown();
                return;
              }
              hub.join(connection, session.get().user(), token);
              connection.sendRetry(5_000); // sends the head now, and paces the page's reconnects
            });
    HttpHandler events =
        exchange -> {
          Session session = exchange.getAttachment(Exchanges.SESSION);
          if (!hub.admits(session.user())) {
            throw new ApiException(
                429, "events", "too many open pages for " + session.user() + " or in all");
          }
          sse.handleRequest(exchange);
        };
    RoutingHandler routes =
        Handlers.routing()
            .post("/api/login", HttpWrappers.api(io, auth::login))
            .post("/api/logout", HttpWrappers.api(io, auth::logout))
            .get("/api/session", HttpWrappers.api(io, auth.require(Role.VIEWER, auth::session)))
            .get("/api/sensors", HttpWrappers.api(io, auth.require(Role.VIEWER, sensors::overview)))
            .get(
                "/api/sensors/{deviceId}/{sensorId}/series",
                HttpWrappers.api(io, auth.require(Role.VIEWER, sensors::series)))
            .put(
                "/api/sensors/{deviceId}/{sensorId}/config",
                HttpWrappers.api(io, auth.require(Role.OPERATOR, configApi::put)))
            .get("/api/alarms", HttpWrappers.api(io, auth.require(Role.VIEWER, alarms::list)))
            .get(
                "/api/alarms/{alarmId}/notifications",
                HttpWrappers.api(io, auth.require(Role.VIEWER, notifications::deliveries)))
            .get(
                "/api/notifier",
                HttpWrappers.api(io, auth.require(Role.VIEWER, notifier::catalogue)))
            .get(
                "/api/notifier/settings",
                HttpWrappers.api(io, auth.require(Role.OPERATOR, notifier::settings)))
            .put(
                "/api/notifier/settings",
                HttpWrappers.api(io, auth.require(Role.OPERATOR, notifier::saveSettings)))
            .post(
                "/api/notifier/seal",
                HttpWrappers.api(io, auth.require(Role.OPERATOR, notifier::seal)))
            .post(
                "/api/notifier/tests",
                HttpWrappers.api(io, auth.require(Role.OPERATOR, notifier::test)))
            .post(
                "/api/alarms/{alarmId}/ack",
                HttpWrappers.api(io, auth.require(Role.OPERATOR, alarms::ack)))
            .post(
                "/api/alarms/{alarmId}/resolve",
                HttpWrappers.api(io, auth.require(Role.OPERATOR, alarms::resolve)))
            .post(
                "/api/sensors/{deviceId}/{sensorId}/retire",
                HttpWrappers.api(io, auth.require(Role.OPERATOR, configApi::retire)))
            .get("/api/pipeline", HttpWrappers.api(io, auth.require(Role.VIEWER, pipeline::status)))
            .get("/api/health", HttpWrappers.api(io, pipeline::health))
            .get("/api/devices", HttpWrappers.api(io, auth.require(Role.VIEWER, devices::list)))
            .get("/api/events", HttpWrappers.errors(io, auth.require(Role.VIEWER, events)))
            .get(
                "/healthz",
                exchange ->
                    io.send(
                        exchange,
                        live.loaded() ? 200 : 503,
                        Map.of("status", live.loaded() ? "ok" : "starting")))
            .setFallbackHandler(HttpWrappers.staticFiles());

    Undertow server =
        Undertow.builder()
            .addHttpListener(config.port(), config.bindAddress())
            .setServerOption(UndertowOptions.MAX_ENTITY_SIZE, 64L * 1024)
            .setServerOption(UndertowOptions.ENABLE_HTTP2, false)
            .setHandler(HttpWrappers.securityHeaders(routes))
            .build();
    server.start();
    live.start();
    // Streams end with their session (logout, expiry, a removed or demoted user) within a second.
    ScheduledExecutorService sweeper =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "console-session-sweeper");
              t.setDaemon(true);
              return t;
            });
    sweeper.scheduleWithFixedDelay(
        () -> {
          try {
            hub.endUnless(sessions::alive);
            sessions.purge();
          } catch (RuntimeException e) {
            LOG.warn("session sweep failed: {}", e.toString());
          }
        },
        1,
        1,
        TimeUnit.SECONDS);
    InetSocketAddress address = (InetSocketAddress) server.getListenerInfo().get(0).getAddress();
    String url = "http://" + address.getHostString() + ":" + address.getPort() + "/";
    LOG.info("console listening on {}", url);
    return new ConsoleServer(
        server,
        live,
        hub,
        sweeper,
        configs,
        deliveries,
        catalogue,
        commands,
        watchdog,
        health,
        url);
  }

  /** The session cookie's value in a request's {@code Cookie} headers, or null. */
  static String sessionToken(HeaderMap headers) {
    HeaderValues values = headers.get(Headers.COOKIE);
    if (values == null) {
      return null;
    }
    for (String header : values) {
      for (String pair : header.split(";")) {
        String p = pair.strip();
        if (p.startsWith(AuthApi.COOKIE + "=")) {
          return p.substring(AuthApi.COOKIE.length() + 1);
        }
      }
    }
    return null;
  }

  /** Where the page is, e.g. {@code http://127.0.0.1:8090/}. */
  public String url() {
    return url;
  }

  public LiveView live() {
    return live;
  }

  /** How many pages hold the event stream open. */
  public int listeners() {
    return hub.size();
  }

  /** Queues one event on every stream, as the live view does; for tests of slow consumers. */
  void broadcastForTest(String event, String data) {
    hub.broadcast(event, data);
  }

  @Override
  public void close() throws Exception {
    sweeper.shutdownNow();
    hub.closeAll();
    live.close();
    server.stop();
    commands.close();
    configs.close();
    deliveries.close();
    catalogue.close();
    watchdog.ifPresent(WatchdogHealth::close);
    health.close();
  }
}
