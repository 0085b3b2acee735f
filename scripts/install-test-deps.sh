#!/usr/bin/env bash
# Debian packages the test suite runs for real: Dovecot (IMAP, for the email connector) and
# Chromium (the website chat's browser test), plus fonts for screenshots and charts.
# Installs only what is missing; needs root (CI runs as root).
set -euo pipefail
need=()
command -v dovecot >/dev/null 2>&1 || [ -x /usr/sbin/dovecot ] || need+=(dovecot-imapd)
command -v chromium >/dev/null 2>&1 || need+=(chromium)
fc-list 2>/dev/null | grep -qi dejavu || need+=(fonts-dejavu-core)
# The chart test renders Chinese labels with WenQuanYi Micro Hei (what the Docker image ships).
fc-list 2>/dev/null | grep -qi "wenquanyi micro hei" || need+=(fonts-wqy-microhei)
if [ ${#need[@]} -eq 0 ]; then
  echo "test dependencies present"
  exit 0
fi
if [ "$(id -u)" -ne 0 ]; then
  echo "Missing Debian packages: ${need[*]}. Install them with: sudo apt-get install -y ${need[*]}" >&2
  exit 1
fi
echo "installing: ${need[*]}"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
