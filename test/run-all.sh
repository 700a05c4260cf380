#!/usr/bin/env bash
# Every test: build, type checks, format, lint and dead-code checks, unit and conformance tests (plain Node),
# browser tests (Chromium), and end-to-end tests of the extension in a real VS Code.
# Installs what it needs on a fresh machine (npm packages, Debian's chromium), so a clone needs only `npm test`.
set -euo pipefail
cd "$(dirname "$0")/.."
export npm_config_loglevel=error
[ -d node_modules/esbuild ] || npm ci --no-audit --no-fund
bash scripts/install-test-deps.sh
node esbuild.mjs
npx tsc --noEmit -p .
npx tsc --noEmit -p tsconfig.models.json
[ ! -f webview/tsconfig.json ] || npx tsc --noEmit -p webview
# House rules: formatting (prettier), type-checked lint (typescript-eslint), nothing unused (knip).
npx prettier --check --log-level warn "**/*.{ts,mts,js,mjs}"
npx eslint .
npx knip
shopt -s globstar
node --import tsx --test --test-reporter=spec test/unit/**/*.test.ts
# End-to-end: the extension in a real VS Code (code-server, installed on first use) driven by Chromium.
node --import tsx test/e2e/run.ts --no-build
