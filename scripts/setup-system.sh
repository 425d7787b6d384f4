#!/usr/bin/env bash
# Installs the Debian packages the tests use (headless Chromium, Redmine 5 with SQLite) when missing.
set -euo pipefail
need=()
[ -x /usr/bin/chromium ] || need+=(chromium)
dpkg-query -W -f='${Status}' redmine 2>/dev/null | grep -q "install ok installed" || need+=(redmine redmine-sqlite)
if [ ${#need[@]} -gt 0 ]; then
  if [ "$(id -u)" != 0 ]; then echo "setup-system: need root to install: ${need[*]}" >&2; exit 1; fi
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq "${need[@]}" >/dev/null
fi
