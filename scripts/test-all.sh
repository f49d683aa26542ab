#!/usr/bin/env bash
# Installs everything the tests need on a Debian/Ubuntu machine, then runs every test.
# System: Chromium (browser tests), librdkafka-dev + gcc (the Kafka-protocol test broker),
# build tools for better-sqlite3. npm: the locked dependencies, without Electron's binary
# download (the tests reach the UI through the web transport in Chromium).
set -euo pipefail
cd "$(dirname "$0")/.."

need_apt=()
command -v chromium >/dev/null 2>&1 || need_apt+=(chromium)
[ -f /usr/include/librdkafka/rdkafka_mock.h ] || need_apt+=(librdkafka-dev)
command -v gcc >/dev/null 2>&1 || need_apt+=(gcc)
command -v make >/dev/null 2>&1 || need_apt+=(make)
command -v g++ >/dev/null 2>&1 || need_apt+=(g++)
command -v python3 >/dev/null 2>&1 || need_apt+=(python3)
if [ ${#need_apt[@]} -gt 0 ]; then
  SUDO=""
  [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  echo "==> installing system packages: ${need_apt[*]}"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${need_apt[@]}" >/dev/null
fi

echo "==> npm ci"
ELECTRON_SKIP_BINARY_DOWNLOAD=1 npm ci --no-audit --no-fund

echo "==> build (electron-vite: main, preload, renderer)"
npm run build

echo "==> tests"
mkdir -p test-results
npm test -- --reporter=default --reporter=json --outputFile.json=test-results/vitest.json
# One plain closing line, whatever reads this log.
node -e '
const r = require("./test-results/vitest.json");
console.log(`${r.numPassedTests} passed, ${r.numFailedTests} failed, ${r.numPendingTests + r.numTodoTests} skipped`);
'
