package io.heatwatch.notifier.channel;

import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.MessagingException;
import java.io.IOException;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.eclipse.angus.mail.smtp.SMTPSenderFailedException;

/**
 * Turns what the SMTP server (or the network) answered into an outcome: a 4xx reply, a refused
 * connection or a timeout may pass later (Retry); a 5xx reply will not (Failed).
 */
final class SmtpReplies {
  private SmtpReplies() {}

  static Outcome outcome(MessagingException e) {
    int code = replyCode(e);
    if (code >= 500) {
      return new Outcome.Failed("SMTP " + code + ": " + firstLine(e));
    }
    if (code >= 400) {
      return new Outcome.Retry("SMTP " + code + ": " + firstLine(e));
    }
    if (e instanceof AuthenticationFailedException) {
      return new Outcome.Failed("SMTP login refused: " + firstLine(e));
    }
    Throwable io = ioCause(e);
    if (io != null) {
      return new Outcome.Retry(io.getClass().getSimpleName() + ": " + io.getMessage());
    }
    return new Outcome.Retry("SMTP: " + firstLine(e));
  }

  /** The first SMTP reply code anywhere in the chain (nested per-address failures first), or 0. */
  private static int replyCode(Exception e) {
    for (Exception x = e; x != null; x = next(x)) {
      if (x instanceof SMTPAddressFailedException a) {
        return a.getReturnCode();
      }
      if (x instanceof SMTPSenderFailedException s) {
        return s.getReturnCode();
      }
      if (x instanceof SMTPSendFailedException f && f.getReturnCode() > 0) {
        // the nested address failure, when there is one, says more than the summary
        int nested = next(f) == null ? 0 : replyCode(next(f));
        return nested > 0 ? nested : f.getReturnCode();
      }
    }
    return 0;
  }

  private static Exception next(Exception x) {
    if (x instanceof MessagingException m) {
      return m.getNextException();
    }
    return null;
  }

  private static Throwable ioCause(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause() != null ? t.getCause() : nextOf(t)) {
      if (t instanceof IOException) {
        return t;
      }
    }
    return null;
  }

  private static Throwable nextOf(Throwable t) {
    return t instanceof MessagingException m ? m.getNextException() : null;
  }

  private static String firstLine(Exception e) {
    String m = String.valueOf(e.getMessage()).strip();
    int nl = m.indexOf('\n');
    return MessageText.cut(nl < 0 ? m : m.substring(0, nl), 200);
  }
}
