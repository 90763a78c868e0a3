package io.heatwatch.notifier.config;

import io.heatwatch.model.Alarm;
import io.heatwatch.model.NotifierSettings;
import io.heatwatch.notifier.Secret;
import io.heatwatch.notifier.channel.ChannelSettings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * The notifier's configuration, read from one YAML file by {@link #load(Path)}; the README's
 * "Configuration" section describes every key.
 *
 * @param site the site the notifier's own alarms (NOTIFICATION_FAILED) carry
 * @param kafka where Kafka is
 * @param http the HTTP server for {@code /health} and acknowledgement links
 * @param ackKey the key acknowledgement links are signed with, or null for messages without links
 * @param channelFailedAfter how long a channel may deliver nothing while messages wait for it
 *     before NOTIFICATION_FAILED is raised
 * @param retry how failed attempts are retried
 * @param maxLogEntries the most delivery-log entries the notifier holds in memory
 * @param channels the channels by id
 * @param recipients the recipients by id
 * @param policies the policies in order; the first that matches an alarm decides
 * @param routing how notifications are grouped and held back
 * @param sealingKey opens the channel secrets sealed in the console, or null: none can be
 * @param origin the file and environment it was read from, against which a console edit is read
 * @param sections the text of the sections the console can edit, and whose they are
 */
public record NotifierConfig(
    String site,
    KafkaSettings kafka,
    HttpSettings http,
    Secret ackKey,
    Duration channelFailedAfter,
    RetrySettings retry,
    int maxLogEntries,
    Map<String, ChannelSettings> channels,
    Map<String, Recipient> recipients,
    List<Policy> policies,
    RoutingSettings routing,
    SealingKey sealingKey,
    Sections.Origin origin,
    Sections sections) {

  public static final String DEFAULT_SITE = "heatwatch";
  public static final Duration DEFAULT_CHANNEL_FAILED_AFTER = Duration.ofMinutes(2);
  public static final int DEFAULT_MAX_LOG_ENTRIES = 500_000;

  public NotifierConfig {
    Objects.requireNonNull(site, "site");
    Objects.requireNonNull(kafka, "kafka");
    Objects.requireNonNull(http, "http");
    Objects.requireNonNull(channelFailedAfter, "channelFailedAfter");
    Objects.requireNonNull(retry, "retry");
    Objects.requireNonNull(routing, "routing");
    Objects.requireNonNull(origin, "origin");
    Objects.requireNonNull(sections, "sections");
    channels = Map.copyOf(channels);
    recipients = Map.copyOf(recipients);
    policies = List.copyOf(policies);
  }

  /** Reads and checks the file; throws {@link ConfigException} listing every problem. */
  public static NotifierConfig load(Path file) {
    try {
      return new ConfigReader(file.toString(), System::getenv).read(Files.readString(file));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
  }

  /** Reads and checks YAML text; {@code source} names it in problems. */
  public static NotifierConfig parse(String source, String yaml) {
    return parse(source, yaml, System::getenv);
  }

  /** As {@link #parse(String, String)}, with the environment {@code env:} secrets are read from. */
  public static NotifierConfig parse(String source, String yaml, Function<String, String> env) {
    return new ConfigReader(source, env).read(yaml);
  }

  /**
   * This configuration with a console edit's channels, recipients and policies in place of the
   * file's, read as the file is; throws {@link ConfigException} listing every problem, each named
   * by its path in the edit's sections.
   */
  public NotifierConfig with(NotifierSettings edit) {
    return origin.with(edit);
  }

  /** The first policy that matches the alarm, if any. */
  public Optional<Policy> policyFor(Alarm alarm) {
    return policies.stream().filter(p -> p.match().matches(alarm)).findFirst();
  }
}
