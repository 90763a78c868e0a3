package io.heatwatch.notifier.channel;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * An SMTP server on 127.0.0.1 that answers RCPT TO with one scripted reply (GreenMail accepts every
 * recipient, so it cannot show a 550 or a 451). It speaks just enough SMTP for Angus.
 */
final class ScriptedSmtp implements AutoCloseable {
  private final ServerSocket server;
  private final String rcptReply;
  private final Thread thread;

  ScriptedSmtp(String rcptReply) throws IOException {
    this.server = new ServerSocket(0, 4, InetAddress.getLoopbackAddress());
    this.rcptReply = rcptReply;
    this.thread = new Thread(this::serve, "scripted-smtp");
    thread.setDaemon(true);
    thread.start();
  }

  int port() {
    return server.getLocalPort();
  }

  private void serve() {
    while (!server.isClosed()) {
      try (Socket s = server.accept()) {
        converse(s);
      } catch (SocketException closed) {
        return;
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  private void converse(Socket s) throws IOException {
    BufferedReader in =
        new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.US_ASCII));
    OutputStream out = s.getOutputStream();
    reply(out, "220 scripted ESMTP");
    for (String line; (line = in.readLine()) != null; ) {
      String cmd = line.toUpperCase(Locale.ROOT);
      if (cmd.startsWith("EHLO") || cmd.startsWith("HELO")) {
        reply(out, "250 scripted");
      } else if (cmd.startsWith("MAIL")) {
        reply(out, "250 OK");
      } else if (cmd.startsWith("RCPT")) {
        reply(out, rcptReply);
      } else if (cmd.startsWith("DATA")) {
        reply(out, "354 go on");
        while (!".".equals(in.readLine())) {
          // the message itself is not what this server is for
        }
        reply(out, "250 OK");
      } else if (cmd.startsWith("QUIT")) {
        reply(out, "221 bye");
        return;
      } else {
        reply(out, "250 OK"); // RSET, NOOP
      }
    }
  }

  private static void reply(OutputStream out, String line) throws IOException {
    out.write((line + "\r\n").getBytes(StandardCharsets.US_ASCII));
    out.flush();
  }

  @Override
  public void close() throws IOException {
    server.close();
  }
}
