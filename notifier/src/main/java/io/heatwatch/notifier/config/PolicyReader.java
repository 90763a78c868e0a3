package io.heatwatch.notifier.config;

import com.fasterxml.jackson.databind.JsonNode;
import io.heatwatch.model.Alarm.AlarmKind;
import io.heatwatch.model.Alarm.Severity;
import io.heatwatch.notifier.channel.ChannelSettings;
import io.heatwatch.notifier.channel.EmailSettings;
import io.heatwatch.notifier.channel.SmsSettings;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/** Reads {@code policies}, checking that every target names a configured channel and recipient. */
final class PolicyReader {
  private static final Set<String> POLICY_KEYS = Set.of("name", "match", "levels");
  private static final Set<String> MATCH_KEYS =
      Set.of("sites", "deviceIds", "sensorIds", "kinds", "severities");

  private final List<String> problems;
  private final Map<String, ChannelSettings> channels;
  private final Map<String, Recipient> recipients;

  PolicyReader(
      List<String> problems,
      Map<String, ChannelSettings> channels,
      Map<String, Recipient> recipients) {
    this.problems = problems;
    this.channels = channels;
    this.recipients = recipients;
  }

  List<Policy> read(JsonNode root) {
    List<Policy> policies = new ArrayList<>();
    JsonNode list = root.get("policies");
    if (list == null || !list.isArray() || list.isEmpty()) {
      problems.add("policies: must be a list of at least one policy");
      return policies;
    }
    Set<String> names = new HashSet<>();
    for (int i = 0; i < list.size(); i++) {
      String path = "policies[" + i + "]";
      JsonNode p = list.get(i);
      if (!p.isObject()) {
        problems.add(path + ": must be a mapping with name, match, levels");
        continue;
      }
      Trees.keys(problems, p, path, POLICY_KEYS);
      String name = p.has("name") ? Trees.text(problems, p, path, "name") : "policy-" + (i + 1);
      if (name != null && !names.add(name)) {
        problems.add(path + ".name: \"" + name + "\" is the name of an earlier policy");
      }
      Match match = match(p.get("match"), path + ".match");
      List<Level> levels = levels(p.get("levels"), path + ".levels");
      if (name != null && match != null && !levels.isEmpty()) {
        policies.add(new Policy(name, match, levels));
      }
    }
    return policies;
  }

  private Match match(JsonNode m, String path) {
    if (m == null || m.isNull()) {
      return Match.ANY;
    }
    if (!m.isObject()) {
      problems.add(path + ": must be a mapping");
      return null;
    }
    Trees.keys(problems, m, path, MATCH_KEYS);
    return new Match(
        Trees.set(problems, m, path, "sites", Function.identity()),
        Trees.set(problems, m, path, "deviceIds", Function.identity()),
        Trees.set(problems, m, path, "sensorIds", Function.identity()),
        Trees.set(problems, m, path, "kinds", t -> named(AlarmKind.class, t)),
        Trees.set(problems, m, path, "severities", t -> named(Severity.class, t)));
  }

  private List<Level> levels(JsonNode list, String path) {
    List<Level> levels = new ArrayList<>();
    if (list == null || !list.isArray() || list.isEmpty()) {
      problems.add(path + ": must be a list of at least one level");
      return levels;
    }
    for (int i = 0; i < list.size(); i++) {
      String lpath = path + "[" + i + "]";
      JsonNode l = list.get(i);
      if (!l.isObject()) {
        problems.add(lpath + ": must be a mapping with notify");
        continue;
      }
      Trees.keys(problems, l, lpath, Set.of("notify"));
      List<Target> targets = targets(l.get("notify"), lpath + ".notify");
      if (!targets.isEmpty()) {
        levels.add(new Level(targets));
      }
    }
    return levels;
  }

  private List<Target> targets(JsonNode list, String path) {
    List<Target> targets = new ArrayList<>();
    if (list == null || !list.isArray() || list.isEmpty()) {
      problems.add(path + ": must be a list of at least one {recipient, channel} or {channel}");
      return targets;
    }
    for (int i = 0; i < list.size(); i++) {
      String tpath = path + "[" + i + "]";
      JsonNode t = list.get(i);
      if (!t.isObject()) {
        problems.add(tpath + ": must be a mapping {recipient, channel} or {channel}");
        continue;
      }
      Trees.keys(problems, t, tpath, Set.of("recipient", "channel"));
      String channel = Trees.text(problems, t, tpath, "channel");
      String recipient = t.has("recipient") ? Trees.text(problems, t, tpath, "recipient") : null;
      boolean ok = channel != null;
      if (channel != null && !channels.containsKey(channel)) {
        problems.add(tpath + ".channel: no channel \"" + channel + "\"");
        ok = false;
      }
      if (recipient != null && !recipients.containsKey(recipient)) {
        problems.add(tpath + ".recipient: no recipient \"" + recipient + "\"");
        ok = false;
      }
      if (t.has("recipient") && recipient == null) {
        ok = false;
      }
      if (ok && recipient != null) {
        ok = reachable(tpath, recipients.get(recipient), channel);
      }
      if (ok) {
        targets.add(new Target(recipient, channel));
      }
    }
    return targets;
  }

  /** Whether the recipient has the address the channel's kind needs. */
  private boolean reachable(String path, Recipient r, String channel) {
    ChannelSettings settings = channels.get(channel);
    String missing =
        settings instanceof EmailSettings && r.email() == null
            ? "email"
            : settings instanceof SmsSettings && r.phone() == null ? "phone" : null;
    if (missing != null) {
      problems.add(
          path
              + ".recipient: "
              + r.id()
              + " has no "
              + missing
              + " for channel \""
              + channel
              + "\"");
      return false;
    }
    return true;
  }

  private static <E extends Enum<E>> E named(Class<E> type, String text) {
    try {
      return Enum.valueOf(type, text);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "\"" + text + "\" is not one of " + Arrays.toString(type.getEnumConstants()));
    }
  }
}
