#!/usr/bin/env bash
# Runs every test of the project on a fresh machine: system packages, npm packages,
# typecheck, lint, then jest (unit, property, contract, browser and Redmine integration tests).
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/setup-system.sh
[ -d node_modules ] || npm ci --no-audit --no-fund

npm run --silent typecheck
npm run --silent lint
npm run --silent build

# Real Redmines on loopback for the worker's integration and fault tests: PostgreSQL (the worker's
# suites) on port 3300, and SQLite on port 3301 for one smoke test. Each port is its own instance.
REDMINE_PORT=3300 REDMINE_DB=pgsql bash scripts/redmine-local.sh start
REDMINE_PORT=3301 REDMINE_DB=sqlite bash scripts/redmine-local.sh start
trap 'REDMINE_PORT=3300 bash scripts/redmine-local.sh stop || true; REDMINE_PORT=3301 bash scripts/redmine-local.sh stop || true' EXIT
eval "$(REDMINE_PORT=3301 bash scripts/redmine-local.sh env)"
REDMINE_SQLITE_URL="$REDMINE_URL" REDMINE_SQLITE_API_KEY="$REDMINE_API_KEY"
eval "$(REDMINE_PORT=3300 bash scripts/redmine-local.sh env)"
export REDMINE_URL REDMINE_API_KEY REDMINE_SQLITE_URL REDMINE_SQLITE_API_KEY

mkdir -p test-output
status=0
npx jest --ci --json --outputFile=test-output/jest-results.json "$@" || status=$?
# One plain closing line with the counts, whatever the reporter printed above.
node -e '
const r = require("./test-output/jest-results.json");
console.log(`${r.numPassedTests} passed, ${r.numFailedTests} failed, ${r.numPendingTests} skipped`);
' || true
exit "$status"
