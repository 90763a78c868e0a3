package io.heatwatch.notifier;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import com.sun.net.httpserver.HttpServer;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The far ends a test delivers to: an SMTP server (GreenMail, stoppable and startable again on the
 * same port) and a webhook receiver (the JDK's HTTP server). Both record every id they receive, in
 * order, repeats included, so a test can see an id twice.
 */
final class Receivers implements AutoCloseable {
  /** One webhook request: its {@code webhook-id} header, body and Standard Webhooks signature. */
  record Hook(String id, String body, String timestamp, String signature) {
    /** Whether it is signed with {@code whsec}, as a Standard Webhooks receiver checks. */
    boolean signedWith(String whsec) throws Exception {
      javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
      mac.init(
          new javax.crypto.spec.SecretKeySpec(
              java.util.Base64.getDecoder().decode(whsec.substring("whsec_".length())),
              "HmacSHA256"));
      String expected =
          "v1,"
              + java.util.Base64.getEncoder()
                  .encodeToString(
                      mac.doFinal(
                          (id + "." + timestamp + "." + body).getBytes(StandardCharsets.UTF_8)));
      return signature != null && List.of(signature.split(" ")).contains(expected);
    }
  }

  private final int smtpPort = freePort();
  private final List<String> mailIdsOfStoppedServers = new ArrayList<>();
  private final List<Hook> hooks = new CopyOnWriteArrayList<>();
  private final HttpServer http;
  private volatile int hookStatus = 204;
  private GreenMail smtp;

  Receivers() throws IOException {
    http = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 16);
    http.createContext(
        "/hook",
        exchange -> {
          try (exchange) {
            String body =
                new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            var headers = exchange.getRequestHeaders();
            hooks.add(
                new Hook(
                    headers.getFirst("webhook-id"),
                    body,
                    headers.getFirst("webhook-timestamp"),
                    headers.getFirst("webhook-signature")));
            exchange.sendResponseHeaders(hookStatus, -1);
          }
        });
    http.start();
    startSmtp();
  }

  synchronized void startSmtp() {
    smtp = new GreenMail(new ServerSetup(smtpPort, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
    smtp.start();
  }

  /** Stops the SMTP server, keeping what it received. */
  synchronized void stopSmtp() {
    mailIdsOfStoppedServers.addAll(currentMailIds());
    smtp.stop();
  }

  /** What the webhook receiver answers from now on (204 until set). */
  void hookAnswers(int status) {
    hookStatus = status;
  }

  /** The subjects of the mails the SMTP server holds now. */
  synchronized List<String> mailSubjects() {
    List<String> subjects = new ArrayList<>();
    try {
      for (MimeMessage m : smtp.getReceivedMessages()) {
        subjects.add(m.getSubject());
      }
    } catch (MessagingException e) {
      throw new IllegalStateException(e);
    }
    return subjects;
  }

  int smtpPort() {
    return smtpPort;
  }

  String hookUrl() {
    return "http://127.0.0.1:" + http.getAddress().getPort() + "/hook";
  }

  /** Every webhook request so far. */
  List<Hook> hooks() {
    return List.copyOf(hooks);
  }

  /** Every Message-ID the SMTP server received so far, repeats included. */
  synchronized List<String> mailIds() {
    List<String> all = new ArrayList<>(mailIdsOfStoppedServers);
    all.addAll(currentMailIds());
    return all;
  }

  /** The text of the mail whose Message-ID contains {@code id}, decoded. */
  synchronized String mailBody(String id) {
    try {
      for (MimeMessage m : smtp.getReceivedMessages()) {
        if (m.getMessageID().contains(id)) {
          return textOf(m.getContent());
        }
      }
    } catch (MessagingException | IOException e) {
      throw new IllegalStateException(e);
    }
    throw new IllegalStateException("no mail " + id);
  }

  private static String textOf(Object content) throws MessagingException, IOException {
    if (content instanceof Multipart mp) {
      StringBuilder b = new StringBuilder();
      for (int i = 0; i < mp.getCount(); i++) {
        b.append(textOf(mp.getBodyPart(i).getContent())).append('\n');
      }
      return b.toString();
    }
    return String.valueOf(content);
  }

  private List<String> currentMailIds() {
    List<String> ids = new ArrayList<>();
    if (smtp != null && smtp.isRunning()) {
      for (MimeMessage m : smtp.getReceivedMessages()) {
        try {
          ids.add(m.getMessageID());
        } catch (MessagingException e) {
          throw new IllegalStateException(e);
        }
      }
    }
    return ids;
  }

  @Override
  public void close() {
    http.stop(0);
    smtp.stop();
  }

  static int freePort() {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
