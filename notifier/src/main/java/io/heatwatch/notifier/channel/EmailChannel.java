package io.heatwatch.notifier.channel;

import io.heatwatch.model.Notification;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashSet;
import java.util.Properties;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Sends plain-text e-mail through one SMTP server (Jakarta Mail on Eclipse Angus). */
final class EmailChannel implements Channel {
  private static final Logger LOG = LoggerFactory.getLogger(EmailChannel.class);

  /** How many alarms of a group a message's References header names. */
  private static final int MAX_REFERENCES = 20;

  private final String id;
  private final EmailSettings settings;
  private final Session session;
  private final InternetAddress from;

  EmailChannel(String id, EmailSettings settings) {
    this.id = id;
    this.settings = settings;
    this.session = Session.getInstance(properties(settings));
    try {
      this.from = new InternetAddress(settings.from(), true);
    } catch (MessagingException e) {
      throw new IllegalArgumentException("from must be an e-mail address, got " + settings.from());
    }
  }

  @Override
  public String id() {
    return id;
  }

  @Override
  public Outcome send(Message message) {
    if (message.to() == null || message.to().isBlank()) {
      return new Outcome.Failed("no e-mail address for " + message.recipientName());
    }
    MimeMessage mail;
    try {
      mail = compose(message);
    } catch (MessagingException e) {
      return new Outcome.Failed("cannot compose: " + e.getMessage());
    }
    // A transport per message: Transport is not thread-safe, the Session is; one connection per
    // send also means a relay that dropped an idle connection costs nothing.
    try (Transport t = session.getTransport()) {
      if (settings.username() == null) {
        t.connect(settings.host(), settings.port(), null, null);
      } else {
        t.connect(
            settings.host(), settings.port(), settings.username(), settings.password().reveal());
      }
      t.sendMessage(mail, mail.getAllRecipients());
      return new Outcome.Delivered("accepted by " + settings.host() + ":" + settings.port());
    } catch (MessagingException e) {
      Outcome o = SmtpReplies.outcome(e);
      LOG.debug("channel={} message={} smtp outcome {}", id, message.id(), o);
      return o;
    }
  }

  private MimeMessage compose(Message message) throws MessagingException {
    MimeMessage mail = new FixedIdMessage(session, "<" + MailIds.of(message.id()) + "@heatwatch>");
    mail.setFrom(from);
    InternetAddress to = new InternetAddress(message.to(), true);
    if (message.recipientName() != null) {
      try {
        to.setPersonal(message.recipientName(), StandardCharsets.UTF_8.name());
      } catch (java.io.UnsupportedEncodingException e) {
        throw new IllegalStateException("UTF-8 is always there", e);
      }
    }
    mail.setRecipient(jakarta.mail.Message.RecipientType.TO, to);
    mail.setSubject(MessageText.subject(message), StandardCharsets.UTF_8.name());
    mail.setText(MessageText.body(message), StandardCharsets.UTF_8.name());
    // Every message about an alarm refers to one parent, <alarmId@heatwatch>, that is never sent.
    // Mail clients thread on References, so OPENED, ESCALATED and CLEARED of one alarm become one
    // conversation. OPENED refers to it too: its own Message-ID is the notification's, so without
    // the shared parent the later messages would have nothing in common with it.
    Set<String> parents = new LinkedHashSet<>();
    for (Notification n : message.about()) {
      if (parents.size() == MAX_REFERENCES) {
        break;
      }
      parents.add("<" + MailIds.of(n.alarmId()) + "@heatwatch>");
    }
    mail.setHeader("In-Reply-To", parents.iterator().next());
    mail.setHeader("References", String.join(" ", parents));
    mail.setHeader("Auto-Submitted", "auto-generated"); // RFC 3834: no vacation replies
    for (Notification n :
        message.about().subList(0, Math.min(MAX_REFERENCES, message.about().size()))) {
      mail.addHeader("X-Heatwatch-Alarm-Id", MessageText.oneLine(n.alarmId()));
    }
    mail.setHeader("X-Heatwatch-Notification-Id", message.id());
    mail.setSentDate(java.util.Date.from(message.first().at()));
    return mail;
  }

  private static Properties properties(EmailSettings s) {
    Properties p = new Properties();
    String proto = s.tls() == EmailSettings.Tls.SMTPS ? "smtps" : "smtp";
    String timeout = String.valueOf(s.timeout().toMillis());
    p.setProperty("mail.transport.protocol", proto);
    p.setProperty("mail." + proto + ".host", s.host());
    p.setProperty("mail." + proto + ".port", String.valueOf(s.port()));
    p.setProperty("mail." + proto + ".connectiontimeout", timeout);
    p.setProperty("mail." + proto + ".timeout", timeout);
    p.setProperty("mail." + proto + ".writetimeout", timeout);
    p.setProperty("mail." + proto + ".auth", String.valueOf(s.username() != null));
    p.setProperty("mail." + proto + ".from", s.from());
    switch (s.tls()) {
      case STARTTLS -> {
        p.setProperty("mail.smtp.starttls.enable", "true");
        p.setProperty("mail.smtp.starttls.required", "true"); // never fall back to plain text
        p.setProperty("mail.smtp.ssl.checkserveridentity", "true");
      }
      case SMTPS -> p.setProperty("mail.smtps.ssl.checkserveridentity", "true");
      case NONE -> {}
    }
    return p;
  }

  /** A MimeMessage that keeps the Message-ID we give it instead of making a random one. */
  private static final class FixedIdMessage extends MimeMessage {
    private final String messageId;

    FixedIdMessage(Session session, String messageId) {
      super(session);
      this.messageId = messageId;
    }

    @Override
    protected void updateMessageID() throws MessagingException {
      setHeader("Message-ID", messageId);
    }
  }
}
