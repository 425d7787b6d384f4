#!/usr/bin/env bash
# Installs the Debian packages the tests use when missing: Redmine 5 with SQLite for the worker's
# integration tests (through redmine-local.sh, which gets Debian's Redmine to configure without
# network access to rubygems), headless Chromium for the browser tests, and the DejaVu fonts of the
# worker's chart images.
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
# DejaVu fonts: the Redmine worker rasterizes the statement's charts with resvg in these fonts only.
if [ ! -e /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf ]; then
  if [ "$(id -u)" != 0 ]; then echo "setup-system: need root to install fonts-dejavu-core" >&2; exit 1; fi
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq fonts-dejavu-core >/dev/null
fi
