package io.heatwatch.console.auth;

/** What a console user may do. */
public enum Role {
  /** Sees everything, changes nothing. */
  VIEWER,
  /** Also acknowledges alarms and changes thresholds. */
  OPERATOR;

  /** The role named in a users file, case-insensitive. */
  public static Role parse(String name) {
    for (Role role : values()) {
      if (role.name().equalsIgnoreCase(name.strip())) {
        return role;
      }
    }
    throw new IllegalArgumentException(
        "unknown role \"" + name + "\": expected viewer or operator");
  }

  /** The lower-case name used in the users file and the API. */
  public String label() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
