package io.heatwatch.model;

import java.time.Instant;

/**
 * The notifier's channels, recipients and policies as edited in the console: value of Kafka topic
 * {@code heatwatch.notifier-settings} under key {@link #KEY}. Each section is YAML text in the
 * syntax of the same section of {@code notifier.yml}; once saved, the three replace the file's (the
 * file keeps everything else: Kafka, HTTP, keys, retries, grouping). The notifier checks them as it
 * checks its file, applies them when they pass, and reports either way under {@link #APPLIED_KEY}.
 * A channel's secret in them is a reference ({@code env:NAME}, {@code file:/path}) to the
 * notifier's host, never the secret itself.
 *
 * @param v wire contract version
 * @param version 1 for the first edit, then one more for each; the notifier applies an edit only if
 *     its version is above the version in effect
 * @param channels the {@code channels} section, YAML
 * @param recipients the {@code recipients} section, YAML
 * @param policies the {@code policies} section, YAML
 * @param by who saved them
 * @param at when they were saved
 */
public record NotifierSettings(
    int v,
    long version,
    String channels,
    String recipients,
    String policies,
    String by,
    Instant at) {

  /** The key the console's edit has on {@code heatwatch.notifier-settings}. */
  public static final String KEY = "settings";

  /** The key of the notifier's report of the settings in effect and of the last one refused. */
  public static final String APPLIED_KEY = "settings-applied";

  /** The most text a section may hold. */
  public static final int MAX_SECTION_CHARS = 65_536;

  public NotifierSettings {
    Check.version(v);
    if (version < 1) {
      throw new InvalidPayloadException("version", version, "must be >= 1");
    }
    section("channels", channels);
    section("recipients", recipients);
    section("policies", policies);
    Check.notEmpty("by", by);
    Check.maxLength("by", by, 200);
    Check.requiredInstant("at", at);
  }

  private static void section(String field, String text) {
    Check.notNull(field, text);
    Check.maxLength(field, text, MAX_SECTION_CHARS);
  }

  /** The settings of contract version {@link Versions#V1}. */
  public static NotifierSettings of(
      long version, String channels, String recipients, String policies, String by, Instant at) {
    return new NotifierSettings(Versions.V1, version, channels, recipients, policies, by, at);
  }
}
