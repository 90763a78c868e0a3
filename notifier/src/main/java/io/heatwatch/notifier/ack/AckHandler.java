package io.heatwatch.notifier.ack;

import io.heatwatch.model.AlarmCommand;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import io.undertow.util.HttpString;
import io.undertow.util.Methods;
import java.time.Clock;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves {@code /ack/{token}}: GET shows what would be acknowledged and a button, and only POST
 * acknowledges, because mail scanners fetch every link in a message before a person sees it.
 */
public final class AckHandler implements HttpHandler {
  static final String COMMENT = "I'm on it (from the notification link)";
  private static final Logger LOG = LoggerFactory.getLogger(AckHandler.class);
  private static final String PREFIX = "/ack/";

  private final AckLinks links;
  private final AckCommands commands;
  private final AckDirectory directory;
  private final Clock clock;

  /**
   * A handler that checks links with {@code links} and sends acknowledgements to {@code commands}.
   */
  public AckHandler(AckLinks links, AckCommands commands, AckDirectory directory, Clock clock) {
    this.links = Objects.requireNonNull(links, "links");
    this.commands = Objects.requireNonNull(commands, "commands");
    this.directory = Objects.requireNonNull(directory, "directory");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  @Override
  public void handleRequest(HttpServerExchange exchange) {
    if (exchange.isInIoThread()) {
      exchange.dispatch(this); // the Kafka writes block
      return;
    }
    boolean get = Methods.GET.equals(exchange.getRequestMethod());
    boolean post = Methods.POST.equals(exchange.getRequestMethod());
    if (!get && !post) {
      exchange.getResponseHeaders().put(Headers.ALLOW, "GET, POST");
      answer(exchange, 405, AckPages.message("Not allowed", "Open the link in a browser."));
      return;
    }
    String path = exchange.getRequestPath();
    int at = path.lastIndexOf(PREFIX);
    Optional<AckToken> token =
        at < 0 ? Optional.empty() : links.check(path.substring(at + PREFIX.length()));
    if (token.isEmpty()) {
      answer(exchange, 404, AckPages.invalid());
      return;
    }
    AckToken t = token.get();
    Optional<UsedAck> used = commands.used(t.nonce());
    if (used.isPresent()) {
      answer(exchange, post ? 409 : 200, AckPages.alreadyAcknowledged(used.get()));
    } else if (links.expired(t)) {
      answer(exchange, 410, AckPages.expired());
    } else if (get) {
      answer(exchange, 200, AckPages.confirm(t, directory.alarm(t.alarmId())));
    } else {
      acknowledge(exchange, t);
    }
  }

  private void acknowledge(HttpServerExchange exchange, AckToken t) {
    String name = directory.recipientName(t.recipientId()).orElse(t.recipientId());
    // One lock for check-and-use, so two clicks at once acknowledge once.
    synchronized (this) {
      Optional<UsedAck> used = commands.used(t.nonce());
      if (used.isPresent()) {
        answer(exchange, 409, AckPages.alreadyAcknowledged(used.get()));
        return;
      }
      AlarmCommand command =
          new AlarmCommand(
              1, t.alarmId(), AlarmCommand.Action.ACKNOWLEDGE, name, COMMENT, clock.instant());
      try {
        commands.acknowledge(t.nonce(), command);
      } catch (RuntimeException e) {
        LOG.warn(
            "ack link for alarm {} by {} not recorded: {}",
            t.alarmId(),
            t.recipientId(),
            e.toString());
        answer(exchange, 503, AckPages.tryAgain());
        return;
      }
    }
    LOG.info("alarm {} acknowledged by {} from a notification link", t.alarmId(), t.recipientId());
    answer(exchange, 200, AckPages.acknowledged(name, directory.alarm(t.alarmId()), t.alarmId()));
  }

  private static void answer(HttpServerExchange exchange, int status, String html) {
    exchange.setStatusCode(status);
    exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, "text/html; charset=utf-8");
    exchange.getResponseHeaders().put(Headers.CACHE_CONTROL, "no-store");
    exchange.getResponseHeaders().put(new HttpString("Referrer-Policy"), "no-referrer");
    exchange.getResponseSender().send(html);
  }
}
