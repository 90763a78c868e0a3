package io.heatwatch.notifier.channel;

import java.nio.charset.StandardCharsets;

/**
 * Makes the left part of a Message-ID from an id: RFC 5322 allows only "atext" there, and alarm ids
 * hold ':'. Other bytes become %XX ('%' is atext), so distinct ids stay distinct.
 */
final class MailIds {
  private static final String ATEXT_SYMBOLS = "!#$&'*+-/=?^_`{|}~.";

  private MailIds() {}

  static String of(String id) {
    StringBuilder b = new StringBuilder();
    for (byte x : id.getBytes(StandardCharsets.UTF_8)) {
      char c = (char) (x & 0xff);
      boolean alnum = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
      if (alnum || (c < 128 && ATEXT_SYMBOLS.indexOf(c) >= 0)) {
        b.append(c);
      } else {
        b.append('%').append(String.format("%02X", x & 0xff));
      }
    }
    return b.toString();
  }
}
