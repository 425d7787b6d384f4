#!/usr/bin/env bash
# Installs the Debian packages the tests use when missing: Redmine 5 with SQLite for the worker's
# integration tests (through redmine-local.sh, which gets Debian's Redmine to configure without
# network access to rubygems), and headless Chromium for the browser tests.
set -euo pipefail
cd "$(dirname "$0")/.."
# Redmine first: a half-configured redmine package would make every later apt-get fail.
bash scripts/redmine-local.sh install
if [ ! -x /usr/bin/chromium ]; then
  if [ "$(id -u)" != 0 ]; then echo "setup-system: need root to install chromium" >&2; exit 1; fi
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq chromium >/dev/null
fi
