#!/usr/bin/env bash
# Installs (or removes) the heatwatch agent on Raspberry Pi OS / Debian, in one step:
#   sudo ./install.sh [--jar heatwatch-agent.jar] [--config agent.yaml] [--w1-pin 4]
#   sudo ./install.sh --uninstall [--purge]
# --root DIR installs into a mounted SD card image (preparing many cards) or a test directory:
# nothing is started there and no package is installed.
set -euo pipefail

root=/
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
jar="$here/heatwatch-agent.jar"
config="$here/agent.yaml"
unit="$here/heatwatch-agent.service"
w1_pin=4
action=install
purge=no
install_jre=yes

die() { echo "install.sh: $*" >&2; exit 2; }

while [ $# -gt 0 ]; do
  case "$1" in
    --root) root="${2:?--root needs a directory}"; shift 2 ;;
    --jar) jar="${2:?--jar needs a file}"; shift 2 ;;
    --config) config="${2:?--config needs a file}"; shift 2 ;;
    --w1-pin) w1_pin="${2:?--w1-pin needs a GPIO number}"; shift 2 ;;
    --no-jre) install_jre=no; shift ;;
    --uninstall) action=uninstall; shift ;;
    --purge) purge=yes; shift ;;
    -h|--help) sed -n '2,6p' "$0"; exit 0 ;;
    *) die "unknown option $1 (see --help)" ;;
  esac
done
[[ "$w1_pin" =~ ^[0-9]+$ ]] || die "--w1-pin must be a GPIO number, got $w1_pin"
[ "$(id -u)" -eq 0 ] || die "run as root (sudo)"
root="${root%/}"
live=no
[ -z "$root" ] && live=yes
# useradd/groupadd/userdel take --root for an image; on the live system they take nothing.
root_opt=()
[ "$live" = no ] && root_opt=(--root "$root")

boot_config() {
  # Bookworm keeps config.txt under /boot/firmware, older releases under /boot.
  if [ -f "$root/boot/firmware/config.txt" ]; then echo "$root/boot/firmware/config.txt"
  else echo "$root/boot/config.txt"; fi
}

enable_w1() {
  local file
  file="$(boot_config)"
  mkdir -p "$(dirname "$file")"
  touch "$file"
  if grep -qE '^dtoverlay=w1-gpio' "$file"; then
    echo "1-Wire overlay already enabled in $file"
  else
    printf '\n# heatwatch: DS18B20 sensors on GPIO %s\ndtoverlay=w1-gpio,gpiopin=%s\n' "$w1_pin" "$w1_pin" >> "$file"
    echo "1-Wire overlay enabled in $file (takes effect after a reboot)"
  fi
}

ensure_java() {
  if [ "$live" = yes ] && [ "$install_jre" = yes ] && ! command -v java >/dev/null 2>&1; then
    apt-get update -q && apt-get install -y -q openjdk-17-jre-headless
  fi
}

ensure_user() {
  if ! grep -q '^gpio:' "$root/etc/group"; then
    groupadd --system "${root_opt[@]}" gpio
  fi
  if ! grep -q '^heatwatch:' "$root/etc/passwd"; then
    useradd --system --no-create-home --home-dir /var/lib/heatwatch --shell /usr/sbin/nologin \
      --user-group --groups gpio "${root_opt[@]}" heatwatch
    echo "system user heatwatch created (groups heatwatch, gpio)"
  fi
}

id_of() { awk -F: -v n=heatwatch '$1==n{print $3}' "$root/etc/$1"; }

install_files() {
  [ -f "$jar" ] || die "agent jar $jar not found (build it: ./mvnw -pl edge-agent -am package)"
  [ -f "$config" ] || die "config $config not found"
  local uid gid
  uid="$(id_of passwd)"
  gid="$(id_of group)"
  install -d -m 0755 "$root/opt/heatwatch"
  install -m 0644 "$jar" "$root/opt/heatwatch/heatwatch-agent.jar"
  install -d -m 0750 -o 0 -g "$gid" "$root/etc/heatwatch"
  if [ -f "$root/etc/heatwatch/agent.yaml" ]; then
    echo "keeping the existing $root/etc/heatwatch/agent.yaml"
  else
    install -m 0640 -o 0 -g "$gid" "$config" "$root/etc/heatwatch/agent.yaml"
  fi
  install -d -m 0750 -o "$uid" -g "$gid" "$root/var/lib/heatwatch"
  install -D -m 0644 "$unit" "$root/etc/systemd/system/heatwatch-agent.service"
  mkdir -p "$root/etc/systemd/system/multi-user.target.wants"
  ln -sf /etc/systemd/system/heatwatch-agent.service \
    "$root/etc/systemd/system/multi-user.target.wants/heatwatch-agent.service"
}

start_service() {
  if [ "$live" = yes ]; then
    systemctl daemon-reload
    systemctl enable --now heatwatch-agent.service
    echo "heatwatch-agent started; follow it with: journalctl -u heatwatch-agent -f"
  else
    echo "installed into $root; the agent starts on first boot"
  fi
}

uninstall() {
  if [ "$live" = yes ]; then systemctl disable --now heatwatch-agent.service 2>/dev/null || true; fi
  rm -f "$root/etc/systemd/system/multi-user.target.wants/heatwatch-agent.service" \
    "$root/etc/systemd/system/heatwatch-agent.service"
  rm -rf "$root/opt/heatwatch"
  if [ "$purge" = yes ]; then
    rm -rf "$root/etc/heatwatch" "$root/var/lib/heatwatch"
    if grep -q '^heatwatch:' "$root/etc/passwd"; then userdel "${root_opt[@]}" heatwatch; fi
    echo "heatwatch removed, with its configuration, outbox and user"
  else
    echo "heatwatch removed; configuration and outbox kept (--purge removes them)"
  fi
  if [ "$live" = yes ]; then systemctl daemon-reload; fi
}

if [ "$action" = uninstall ]; then
  uninstall
  exit 0
fi
enable_w1
ensure_java
ensure_user
install_files
start_service
