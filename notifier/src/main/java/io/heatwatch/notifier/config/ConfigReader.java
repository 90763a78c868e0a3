package io.heatwatch.notifier.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.heatwatch.model.Durations;
import io.heatwatch.model.SealedSecret;
import io.heatwatch.notifier.Secret;
import io.heatwatch.notifier.channel.ChannelSettings;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * Walks the YAML tree and collects every problem with its path ({@code
 * policies[2].levels[0].notify[1].channel: no channel "ops-sms"}) instead of stopping at the first,
 * so an operator fixes the file in one go.
 */
final class ConfigReader {
  private static final ObjectMapper YAML =
      YAMLMapper.builder().addModule(new JavaTimeModule()).build();
  private static final Set<String> ROOT_KEYS =
      Set.of(
          "groupWindow",
          "flapWindow",
          "maintenance",
          "site",
          "kafka",
          "http",
          "ackKey",
          "settingsKey",
          "channelFailedAfter",
          "retry",
          "maxLogEntries",
          "channels",
          "recipients",
          "policies");

  /** HMAC-SHA256 gains nothing from a longer key and loses strength with a shorter one. */
  static final int MIN_ACK_KEY_BYTES = 32;

  // The notifier's own alarms (NOTIFICATION_FAILED) carry the site as their site and a channel's id
  // as their sensor: both must pass the contract's checks (telemetry-model Check), or the alarm
  // could never be raised.
  private static final Pattern SITE = Pattern.compile("[a-z0-9][a-z0-9-]{0,62}");
  private static final Pattern CHANNEL_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

  private final String source;
  private final Function<String, String> env;
  private final List<String> problems = new ArrayList<>();
  private final RoutingReader routing = new RoutingReader(problems);

  /** {@code env} resolves {@code env:NAME} secrets (System::getenv, or a map in tests). */
  ConfigReader(String source, Function<String, String> env) {
    this.source = source;
    this.env = env;
  }

  NotifierConfig read(String yaml) {
    JsonNode root;
    try {
      root = YAML.readTree(yaml);
    } catch (JsonProcessingException e) {
      throw new ConfigException(source, List.of("not YAML: " + e.getOriginalMessage()));
    }
    if (root == null || !root.isObject()) {
      throw new ConfigException(source, List.of("(root): must be a mapping"));
    }
    ObjectNode file = (ObjectNode) root;
    return read(file, new Sections.Origin(file.deepCopy(), env), Sections.ofFile(file));
  }

  /** Reads a tree: the file's, or the file's with a console edit's sections in place. */
  NotifierConfig read(ObjectNode root, Sections.Origin origin, Sections sections) {
    keys(root, "", ROOT_KEYS);
    String site = root.has("site") ? text(root, "", "site") : NotifierConfig.DEFAULT_SITE;
    if (site != null && !SITE.matcher(site).matches()) {
      problems.add("site: \"" + site + "\" must be 1-63 of a-z, 0-9 and -, starting a-z or 0-9");
    }
    KafkaSettings kafka = kafka(object(root, "", "kafka", true));
    HttpSettings http = http(object(root, "", "http", true));
    Secret ackKey = root.has("ackKey") ? secret(root.get("ackKey"), "ackKey") : null;
    SealingKey sealingKey = root.has("settingsKey") ? sealingKey(root.get("settingsKey")) : null;
    Duration failedAfter =
        duration(root, "", "channelFailedAfter", NotifierConfig.DEFAULT_CHANNEL_FAILED_AFTER);
    RetrySettings retry = retry(object(root, "", "retry", false));
    int maxLog = NotifierConfig.DEFAULT_MAX_LOG_ENTRIES;
    if (root.has("maxLogEntries")) {
      JsonNode n = root.get("maxLogEntries");
      if (n.canConvertToInt() && n.asInt() >= 1000) {
        maxLog = n.asInt();
      } else {
        problems.add("maxLogEntries: must be a whole number >= 1000, got " + n);
      }
    }
    Map<String, ChannelSettings> channels =
        channels(object(root, "", "channels", true), sealingKey);
    Map<String, Recipient> recipients = recipients(object(root, "", "recipients", false));
    List<Policy> policies = new PolicyReader(problems, channels, recipients).read(root);
    RoutingSettings routingSettings = routing.read(root);
    if (!problems.isEmpty()) {
      throw new ConfigException(source, problems);
    }
    return new NotifierConfig(
        site,
        kafka,
        http,
        ackKey,
        failedAfter,
        retry,
        maxLog,
        channels,
        recipients,
        policies,
        routingSettings,
        sealingKey,
        origin,
        sections);
  }

  private KafkaSettings kafka(JsonNode node) {
    if (node == null) {
      return null;
    }
    keys(node, "kafka", Set.of("bootstrapServers", "clientProperties"));
    String servers = text(node, "kafka", "bootstrapServers");
    Path props =
        node.has("clientProperties") ? Path.of(text(node, "kafka", "clientProperties")) : null;
    if (props != null && !props.toFile().canRead()) {
      problems.add("kafka.clientProperties: cannot read " + props);
    }
    return servers == null ? null : new KafkaSettings(servers, props);
  }

  private HttpSettings http(JsonNode node) {
    if (node == null) {
      return null;
    }
    keys(node, "http", Set.of("bind", "port", "publicUrl"));
    String bind = node.has("bind") ? text(node, "http", "bind") : "0.0.0.0";
    int port = 8095;
    if (node.has("port")) {
      JsonNode p = node.get("port");
      if (p.canConvertToInt() && p.asInt() >= 0 && p.asInt() <= 65535) {
        port = p.asInt();
      } else {
        problems.add("http.port: must be 0..65535, got " + p);
      }
    }
    String url = text(node, "http", "publicUrl");
    URI publicUrl = null;
    if (url != null) {
      try {
        publicUrl = new URI(url);
        if (!publicUrl.isAbsolute() || !publicUrl.getScheme().startsWith("http")) {
          problems.add("http.publicUrl: must be an absolute http(s) URL, got \"" + url + "\"");
          publicUrl = null;
        }
      } catch (URISyntaxException e) {
        problems.add("http.publicUrl: not a URL: \"" + url + "\"");
      }
    }
    return bind == null || publicUrl == null ? null : new HttpSettings(bind, port, publicUrl);
  }

  private RetrySettings retry(JsonNode node) {
    if (node == null) {
      return RetrySettings.DEFAULTS;
    }
    keys(node, "retry", Set.of("first", "max"));
    Duration first = duration(node, "retry", "first", RetrySettings.DEFAULTS.first());
    Duration max = duration(node, "retry", "max", RetrySettings.DEFAULTS.max());
    return attempt("retry", () -> new RetrySettings(first, max), RetrySettings.DEFAULTS);
  }

  private Map<String, ChannelSettings> channels(JsonNode node, SealingKey sealingKey) {
    Map<String, ChannelSettings> channels = new LinkedHashMap<>();
    if (node == null) {
      return channels;
    }
    Function<String, String> unseal = sealingKey == null ? null : sealingKey::unseal;
    ObjectReader reader =
        YAML.readerFor(ChannelSettings.class)
            .withAttribute(Secret.ENV, env)
            .withAttribute(Secret.UNSEAL, unseal);
    node.fields()
        .forEachRemaining(
            e -> {
              String path = "channels." + e.getKey();
              if (!CHANNEL_ID.matcher(e.getKey()).matches()) {
                problems.add(
                    path
                        + ": the id must be 1-64 of A-Z, a-z, 0-9, '.', '_' and '-', starting with a"
                        + " letter or digit");
              }
              try {
                JsonNode channel = unsealedUrl(path, e.getValue(), sealingKey);
                if (channel != null) {
                  channels.put(e.getKey(), reader.treeToValue(channel, ChannelSettings.class));
                }
              } catch (JsonMappingException ex) {
                problems.add(path + pathOf(ex) + ": " + ex.getOriginalMessage());
              } catch (JsonProcessingException | IllegalArgumentException ex) {
                problems.add(path + ": " + ex.getMessage());
              }
            });
    return channels;
  }

  private Map<String, Recipient> recipients(JsonNode node) {
    Map<String, Recipient> recipients = new LinkedHashMap<>();
    if (node == null) {
      return recipients;
    }
    node.fields()
        .forEachRemaining(
            e -> {
              String path = "recipients." + e.getKey();
              JsonNode r = e.getValue();
              if (!r.isObject()) {
                problems.add(path + ": must be a mapping with name, email, phone, quietHours");
                return;
              }
              keys(r, path, Set.of("name", "email", "phone", "quietHours"));
              String name = text(r, path, "name");
              String email = r.has("email") ? text(r, path, "email") : null;
              String phone = r.has("phone") ? text(r, path, "phone") : null;
              if (email != null && !email.matches("[^@\\s]+@[^@\\s]+")) {
                problems.add(path + ".email: not an e-mail address: \"" + email + "\"");
              }
              if (phone != null && !phone.matches("\\+[1-9][0-9]{6,14}")) {
                problems.add(path + ".phone: not an E.164 number (+ and 7-15 digits): " + phone);
              }
              if (name != null) {
                recipients.put(
                    e.getKey(),
                    new Recipient(
                        e.getKey(),
                        name,
                        email,
                        phone,
                        routing.quietHours(r.get("quietHours"), path + ".quietHours")));
              }
            });
    return recipients;
  }

  private Secret secret(JsonNode node, String path) {
    if (!node.isTextual()) {
      problems.add(path + ": must be env:NAME or file:/path");
      return null;
    }
    try {
      Secret key = Secret.read(path, node.asText(), env);
      if (key.bytes().length < MIN_ACK_KEY_BYTES) {
        problems.add(
            path + ": " + key.source() + " must hold at least " + MIN_ACK_KEY_BYTES + " bytes");
        return null;
      }
      return key;
    } catch (IllegalArgumentException e) {
      problems.add(e.getMessage().startsWith(path) ? e.getMessage() : path + ": " + e.getMessage());
      return null;
    }
  }

  /**
   * The channel with its {@code url} opened if it was sealed in the console (a Slack, Teams or
   * Mattermost incoming-webhook URL holds its token), or null after a problem. The URL then lives
   * in memory only; error messages show its scheme and host alone ({@code Hosts.redacted}).
   */
  private JsonNode unsealedUrl(String path, JsonNode channel, SealingKey key) {
    JsonNode url = channel.get("url");
    if (url == null || !url.isTextual() || !url.asText().startsWith(SealedSecret.PREFIX)) {
      return channel;
    }
    try {
      Secret opened =
          Secret.read(path + ".url", url.asText(), env, key == null ? null : key::unseal);
      ObjectNode channelOpened = ((ObjectNode) channel).deepCopy();
      channelOpened.put("url", opened.reveal());
      return channelOpened;
    } catch (IllegalArgumentException e) {
      problems.add(e.getMessage());
      return null;
    }
  }

  private SealingKey sealingKey(JsonNode node) {
    if (!node.isTextual()) {
      problems.add("settingsKey: must be file:/path (or env:NAME) of a PKCS#8 PEM RSA private key");
      return null;
    }
    try {
      return SealingKey.of(Secret.read("settingsKey", node.asText(), env));
    } catch (IllegalArgumentException e) {
      String m = e.getMessage();
      problems.add(m.startsWith("settingsKey") ? m : "settingsKey: " + m);
      return null;
    }
  }

  private static String pathOf(JsonMappingException e) {
    StringBuilder b = new StringBuilder();
    for (JsonMappingException.Reference r : e.getPath()) {
      b.append(r.getFieldName() != null ? "." + r.getFieldName() : "[" + r.getIndex() + "]");
    }
    return b.toString();
  }

  JsonNode object(JsonNode parent, String path, String key, boolean required) {
    JsonNode n = parent.get(key);
    if (n == null || n.isNull()) {
      if (required) {
        problems.add(Trees.at(path, key) + ": missing");
      }
      return null;
    }
    if (!n.isObject()) {
      problems.add(Trees.at(path, key) + ": must be a mapping");
      return null;
    }
    return n;
  }

  String text(JsonNode parent, String path, String key) {
    return Trees.text(problems, parent, path, key);
  }

  void keys(JsonNode node, String path, Set<String> allowed) {
    Trees.keys(problems, node, path, allowed);
  }

  private Duration duration(JsonNode parent, String path, String key, Duration otherwise) {
    if (!parent.has(key)) {
      return otherwise;
    }
    String text = text(parent, path, key);
    if (text == null) {
      return otherwise;
    }
    Duration d =
        attempt(Trees.at(path, key), () -> Durations.parse(Trees.at(path, key), text), otherwise);
    if (d.isNegative() || d.isZero()) {
      problems.add(Trees.at(path, key) + ": must be > 0, got \"" + text + "\"");
      return otherwise;
    }
    return d;
  }

  private <T> T attempt(String path, Supplier<T> make, T otherwise) {
    try {
      return make.get();
    } catch (IllegalArgumentException e) {
      String m = e.getMessage();
      problems.add(m.startsWith(path) ? m : path + ": " + m);
      return otherwise;
    }
  }
}
