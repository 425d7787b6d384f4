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

# A real Redmine on loopback for the worker's integration and fault tests.
bash scripts/redmine-local.sh start
trap 'bash scripts/redmine-local.sh stop || true' EXIT
eval "$(bash scripts/redmine-local.sh env)"
export REDMINE_URL REDMINE_API_KEY

mkdir -p test-output
status=0
npx jest --ci --json --outputFile=test-output/jest-results.json "$@" || status=$?
# One plain closing line with the counts, whatever the reporter printed above.
node -e '
const r = require("./test-output/jest-results.json");
console.log(`${r.numPassedTests} passed, ${r.numFailedTests} failed, ${r.numPendingTests} skipped`);
' || true
exit "$status"
