package io.heatwatch.notifier.channel;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.heatwatch.model.Alarm;
import io.heatwatch.model.Notification;
import io.heatwatch.model.TelemetryCodec;
import io.heatwatch.notifier.channel.WebhookSettings.Preset;
import jakarta.mail.internet.MimeUtility;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.UnsupportedEncodingException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/** The request body (and preset-specific headers) each webhook preset sends. */
final class WebhookBodies {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** One rendered request: its content type, body and the preset's own headers. */
  record Rendered(String contentType, String body, Map<String, String> headers) {}

  private WebhookBodies() {}

  static Rendered render(Preset preset, Message m) {
    return switch (preset) {
      case GENERIC -> json(generic(m));
      case SLACK -> json(text(slack(m)));
      case MATTERMOST -> json(text(mattermost(m)));
      case TEAMS -> json(teams(m));
      case NTFY -> ntfy(m);
    };
  }

  /** "alarm.opened" ... "alarm.cleared" for one intent, "alarm.group" for several. */
  static String type(Message m) {
    return m.about().size() > 1
        ? "alarm.group"
        : "alarm." + m.first().reason().name().toLowerCase(Locale.ROOT);
  }

  private static ObjectNode generic(Message m) {
    ObjectNode root = JSON.createObjectNode();
    root.put("type", type(m));
    root.put("timestamp", m.first().at().toString());
    ObjectNode data = root.putObject("data");
    data.put("notificationId", m.id());
    data.put("recipient", m.recipientName());
    data.put("subject", MessageText.subject(m));
    data.put("text", MessageText.details(m));
    data.put("ackUrl", m.ackUrl());
    ArrayNode intents = data.putArray("intents");
    for (Notification n : m.about()) {
      try {
        // The wire contract's own JSON, so a receiver can decode it with telemetry-model.
        intents.add(JSON.readTree(TelemetryCodec.encode(n)));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return root;
  }

  private static ObjectNode text(String text) {
    ObjectNode root = JSON.createObjectNode();
    root.put("text", text);
    return root;
  }

  private static String slack(Message m) {
    // Slack's mrkdwn treats only &, < and > as markup; escaped, alarm text cannot forge a link.
    String text = slackEscape(MessageText.details(m));
    return m.ackUrl() == null ? text : text + "\n<" + m.ackUrl() + "|I'm on it>";
  }

  private static String slackEscape(String s) {
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
  }

  private static String mattermost(Message m) {
    String text = MessageText.details(m);
    return m.ackUrl() == null ? text : text + "\n[I'm on it](" + m.ackUrl() + ")";
  }

  private static ObjectNode teams(Message m) {
    // A legacy MessageCard: every Teams incoming webhook (and Power Automate's) still takes it,
    // and it needs no Adaptive Card envelope.
    ObjectNode card = JSON.createObjectNode();
    card.put("@type", "MessageCard");
    card.put("@context", "https://schema.org/extensions");
    card.put("summary", MessageText.subject(m));
    card.put("themeColor", colour(m));
    card.put("title", MessageText.subject(m));
    // Teams reads the text as Markdown, where a single line break is lost.
    card.put("text", MessageText.details(m).replace("\n", "\n\n"));
    if (m.ackUrl() != null) {
      ObjectNode action = card.putArray("potentialAction").addObject();
      action.put("@type", "OpenUri");
      action.put("name", "I'm on it");
      ObjectNode target = action.putArray("targets").addObject();
      target.put("os", "default");
      target.put("uri", m.ackUrl());
    }
    return card;
  }

  private static String colour(Message m) {
    if (m.about().stream().allMatch(n -> n.reason() == Notification.Reason.CLEARED)) {
      return "2E8B57";
    }
    boolean critical =
        m.about().stream().anyMatch(n -> n.alarm().severity() == Alarm.Severity.CRITICAL);
    return critical ? "D70000" : "FFA500";
  }

  private static Rendered ntfy(Message m) {
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("Title", headerText(MessageText.subject(m)));
    headers.put("Priority", String.valueOf(ntfyPriority(m)));
    headers.put("Tags", ntfyTags(m));
    if (m.ackUrl() != null) {
      headers.put("Actions", "http, I'm on it, " + m.ackUrl() + ", method=POST, clear=true");
    }
    return new Rendered("text/plain; charset=utf-8", MessageText.details(m), headers);
  }

  /** 5 (max) for CRITICAL, 3 (default) for WARNING and acknowledgements, 2 (low) for cleared. */
  static int ntfyPriority(Message m) {
    if (m.about().stream().allMatch(n -> n.reason() == Notification.Reason.CLEARED)) {
      return 2;
    }
    boolean critical =
        m.about().stream()
            .anyMatch(
                n ->
                    n.alarm().severity() == Alarm.Severity.CRITICAL
                        && n.reason() != Notification.Reason.ACKNOWLEDGED
                        && n.reason() != Notification.Reason.CLEARED);
    return critical ? 5 : 3;
  }

  private static String ntfyTags(Message m) {
    Notification n = m.first();
    String emoji =
        switch (n.reason()) {
          case CLEARED -> "white_check_mark";
          case ACKNOWLEDGED -> "eyes";
          default -> n.alarm().severity() == Alarm.Severity.CRITICAL ? "rotating_light" : "warning";
        };
    return emoji + "," + n.alarm().kind().name().toLowerCase(Locale.ROOT) + "," + n.alarm().site();
  }

  /** Header values are Latin-1 on the wire; ntfy reads RFC 2047 for anything else ("°C"). */
  private static String headerText(String s) {
    try {
      return MimeUtility.encodeText(s, "UTF-8", "B");
    } catch (UnsupportedEncodingException e) {
      throw new IllegalStateException("UTF-8 is always there", e);
    }
  }

  private static Rendered json(ObjectNode node) {
    try {
      return new Rendered("application/json", JSON.writeValueAsString(node), Map.of());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
