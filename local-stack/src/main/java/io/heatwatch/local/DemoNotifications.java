package io.heatwatch.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.icegreen.greenmail.store.FolderListener;
import com.icegreen.greenmail.user.GreenMailUser;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import com.sun.net.httpserver.HttpServer;
import io.heatwatch.notifier.Notifier;
import io.heatwatch.notifier.config.NotifierConfig;
import io.heatwatch.testkit.Ports;
import jakarta.mail.Flags;
import jakarta.mail.MessagingException;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalTime;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * The demo's notifications: the notifier, run on the stack's Kafka, with an embedded SMTP server
 * (GreenMail) and a webhook receiver (the JDK's HTTP server) as the far ends, all on 127.0.0.1.
 * Each message the two receive is printed as one line, so the demo shows an alarm reaching people.
 * The signing keys are new every run, in files only the user can read.
 */
public final class DemoNotifications implements AutoCloseable {
  /** The demo's one recipient. */
  public static final String RECIPIENT = "operator@heatwatch.local";

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final java.time.format.DateTimeFormatter CLOCK =
      java.time.format.DateTimeFormatter.ofPattern("HH:mm:ss");

  private final List<String> mails = new CopyOnWriteArrayList<>();
  private final List<String> hooks = new CopyOnWriteArrayList<>();
  private final Consumer<String> print;
  private GreenMail smtp;
  private HttpServer hook;
  private Notifier notifier;
  private int httpPort;

  private DemoNotifications(Consumer<String> print) {
    this.print = print;
  }

  /**
   * Starts the receivers and the notifier on {@code kafkaBootstrapServers}; the notifier's HTTP
   * server (health, acknowledgement links) on {@code notifierPort} (0: a free port), its files
   * under {@code dataDir}; a site's alarms within {@code groupWindow} after its first go as one
   * message. Each message received goes to {@code print} as one line.
   */
  public static DemoNotifications start(
      String kafkaBootstrapServers,
      Path dataDir,
      int notifierPort,
      Duration groupWindow,
      Consumer<String> print)
      throws IOException {
    DemoNotifications n = new DemoNotifications(print);
    try {
      n.startAll(kafkaBootstrapServers, dataDir, notifierPort, groupWindow);
      return n;
    } catch (IOException | RuntimeException e) {
      n.close();
      throw e;
    }
  }

  private void startAll(
      String kafkaBootstrapServers, Path dataDir, int notifierPort, Duration groupWindow)
      throws IOException {
    smtp = new GreenMail(new ServerSetup(Ports.free(), "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
    smtp.start();
    GreenMailUser operator = smtp.setUser(RECIPIENT, RECIPIENT, "unused-" + hex(16));
    try {
      smtp.getManagers().getImapHostManager().getInbox(operator).addListener(new Inbox());
    } catch (com.icegreen.greenmail.store.FolderException e) {
      throw new IOException("the demo SMTP server's inbox: " + e.getMessage(), e);
    }
    hook = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 16);
    hook.createContext("/hook", this::onHook);
    hook.start();

    Path dir = Files.createDirectories(dataDir.resolve("notifier"));
    Path ackKey = secretFile(dir.resolve("ack-key"), hex(32));
    byte[] signing = new byte[32];
    new SecureRandom().nextBytes(signing);
    Path hookSecret =
        secretFile(
            dir.resolve("webhook-secret"), "whsec_" + Base64.getEncoder().encodeToString(signing));
    Path settingsKey = settingsKey(dir.resolve("settings-key.pem"));
    httpPort = notifierPort == 0 ? Ports.free() : notifierPort;
    String yaml =
        """
        site: demo
        groupWindow: %d ms
        # the demo's simulated spikes come back every few minutes on purpose: not flapping
        flapWindow: 0 s
        kafka:
          bootstrapServers: %s
        http:
          bind: 127.0.0.1
          port: %d
          publicUrl: http://127.0.0.1:%d/
        ackKey: file:%s
        settingsKey: file:%s
        channels:
          demo-mail:
            type: email
            host: 127.0.0.1
            port: %d
            tls: NONE
            from: heatwatch@heatwatch.local
          demo-webhook:
            type: webhook
            preset: GENERIC
            url: http://127.0.0.1:%d/hook
            secret: file:%s
        recipients:
          operator: {name: Demo operator, email: %s}
        policies:
          - name: everything
            levels:
              - notify: [{recipient: operator, channel: demo-mail}, {channel: demo-webhook}]
        """
            .formatted(
                groupWindow.toMillis(),
                kafkaBootstrapServers,
                httpPort,
                httpPort,
                ackKey,
                settingsKey,
                smtp.getSmtp().getPort(),
                hook.getAddress().getPort(),
                hookSecret,
                RECIPIENT);
    notifier = Notifier.start(NotifierConfig.parse("demo notifier", yaml), Clock.systemUTC());
  }

  /** The notifier's HTTP server: {@code /health} and the acknowledgement links. */
  public String notifierUrl() {
    return "http://127.0.0.1:" + httpPort + "/";
  }

  /** The embedded SMTP server's address. */
  public String smtpAddress() {
    return "127.0.0.1:" + smtp.getSmtp().getPort();
  }

  /** The webhook receiver's URL. */
  public String webhookUrl() {
    return "http://127.0.0.1:" + hook.getAddress().getPort() + "/hook";
  }

  /** The mails received so far: subject, a line break, the text. */
  public List<String> mails() {
    return List.copyOf(mails);
  }

  /** The webhook requests received so far: subject, a line break, the text. */
  public List<String> webhooks() {
    return List.copyOf(hooks);
  }

  private void onHook(com.sun.net.httpserver.HttpExchange exchange) throws IOException {
    try (exchange) {
      byte[] body = exchange.getRequestBody().readAllBytes();
      String subject;
      String text = "";
      try {
        JsonNode data = JSON.readTree(body).path("data");
        subject = data.path("subject").asText("(no subject)");
        text = data.path("text").asText("");
      } catch (IOException e) {
        subject = "(unreadable body, " + body.length + " bytes)";
      }
      hooks.add(subject + "\n" + text);
      print.accept(
          String.format(
              "%s  notified  webhook %s  %s",
              LocalTime.now().format(CLOCK),
              exchange.getRequestHeaders().getFirst("webhook-id"),
              subject));
      exchange.sendResponseHeaders(204, -1);
    }
  }

  /** Prints each mail the SMTP server stores. */
  private final class Inbox implements FolderListener {
    @Override
    public void added(int msn) {
      String subject;
      String text = "";
      try {
        jakarta.mail.internet.MimeMessage[] all = smtp.getReceivedMessages();
        subject = all.length == 0 ? "(no message)" : all[all.length - 1].getSubject();
        text =
            all.length == 0
                ? ""
                : com.icegreen.greenmail.util.GreenMailUtil.getBody(all[all.length - 1]);
      } catch (MessagingException e) {
        subject = "(unreadable: " + e.getMessage() + ")";
      }
      mails.add(subject + "\n" + text);
      print.accept(
          String.format(
              "%s  notified  e-mail to %s  %s", LocalTime.now().format(CLOCK), RECIPIENT, subject));
    }

    @Override
    public void expunged(int msn) {}

    @Override
    public void flagsUpdated(int msn, Flags flags, Long uid) {}

    @Override
    public void mailboxDeleted() {}
  }

  private static Path secretFile(Path file, String value) throws IOException {
    Files.deleteIfExists(file);
    Files.createFile(
        file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    Files.writeString(file, value, StandardCharsets.UTF_8);
    return file;
  }

  /**
   * The key that opens secrets sealed in the console: made on the first run and kept with the data
   * directory, so settings saved in an earlier run still open.
   */
  private static Path settingsKey(Path file) throws IOException {
    if (Files.isRegularFile(file)) {
      return file;
    }
    try {
      KeyPairGenerator rsa = KeyPairGenerator.getInstance("RSA");
      rsa.initialize(3072);
      String pem =
          "-----BEGIN PRIVATE KEY-----\n"
              + Base64.getMimeEncoder(64, new byte[] {'\n'})
                  .encodeToString(rsa.generateKeyPair().getPrivate().getEncoded())
              + "\n-----END PRIVATE KEY-----\n";
      return secretFile(file, pem);
    } catch (GeneralSecurityException e) {
      throw new IOException("cannot make the notifier's settings key: " + e.getMessage(), e);
    }
  }

  private static String hex(int bytes) {
    byte[] b = new byte[bytes];
    new SecureRandom().nextBytes(b);
    return HexFormat.of().formatHex(b);
  }

  /** Stops the notifier, then the receivers. */
  @Override
  public void close() {
    if (notifier != null) {
      notifier.close();
    }
    if (hook != null) {
      hook.stop(0);
    }
    if (smtp != null) {
      smtp.stop();
    }
  }
}
