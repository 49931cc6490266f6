#!/usr/bin/env bash
# The browser test of `filekeeper sandbox` (make test-browser): build the binary, start the sandbox
# against a fresh database on the test PostgreSQL server, run sandbox.test.mjs in headless
# Chromium, then stop the sandbox and drop the database. Exits non-zero on failure.
#
#   TEST_DATABASE_URL   the PostgreSQL server (default postgres://postgres@127.0.0.1:5432/postgres)
#   SANDBOX_SCREENSHOT  also save a screenshot of the page after the story (docs/sandbox.png)
#   CHROMIUM            the browser (default /usr/bin/chromium: apt-get install chromium)
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
artifacts="$here/artifacts"
mkdir -p "$artifacts"

: "${TEST_DATABASE_URL:=postgres://postgres@127.0.0.1:5432/postgres?sslmode=disable}"
chromium="${CHROMIUM:-/usr/bin/chromium}"
[ -x "$chromium" ] || { echo "test-browser: $chromium not found: apt-get install -y chromium" >&2; exit 1; }
command -v node >/dev/null || { echo "test-browser: node not found: apt-get install -y nodejs npm" >&2; exit 1; }
[ -d "$here/node_modules/playwright-core" ] || (cd "$here" && npm ci --no-audit --no-fund)

echo "test-browser: building bin/filekeeper"
(cd "$root" && go build -o bin/filekeeper ./cmd/filekeeper)

# A database of its own, named for this run, on the test server.
db="filekeeper_browser_$$_$(date +%s)"
base="${TEST_DATABASE_URL%%\?*}"
query="${TEST_DATABASE_URL#"$base"}"
database_url="${base%/*}/$db$query"
psql "$TEST_DATABASE_URL" -qAt -v ON_ERROR_STOP=1 -c "CREATE DATABASE $db" >/dev/null

port="$(node -e 'const s = require("net").createServer().listen(0, "127.0.0.1", () => { console.log(s.address().port); s.close(); })')"
addr="127.0.0.1:$port"
log="$artifacts/sandbox.log"
files="$(mktemp -d)"
pid=""

cleanup() {
  status=$?
  if [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; then
    kill -TERM "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
  fi
  psql "$TEST_DATABASE_URL" -qAt -c "DROP DATABASE IF EXISTS $db WITH (FORCE)" >/dev/null 2>&1 || true
  rm -rf "$files"
  if [ "$status" -ne 0 ]; then
    echo "test-browser: FAILED; the sandbox's log ($log) ends with:" >&2
    tail -n 40 "$log" >&2 || true
  fi
  exit "$status"
}
trap cleanup EXIT

echo "test-browser: starting the sandbox on $addr (database $db)"
# It runs in artifacts/, so a developer's own .env is not read.
(cd "$artifacts" && SANDBOX_ADDR="$addr" HTTP_ADDR=127.0.0.1:0 SANDBOX_FILES_DIR="$files" DATABASE_URL="$database_url" LOG_FORMAT=console \
  exec "$root/bin/filekeeper" sandbox) >"$log" 2>&1 &
pid=$!

# Wait for the page to answer (the bot itself may still be starting: the test waits for it).
for _ in $(seq 1 300); do
  kill -0 "$pid" 2>/dev/null || { echo "test-browser: the sandbox exited early" >&2; exit 1; }
  if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then break; fi
  sleep 0.2
done

SANDBOX_URL="http://$addr" CHROMIUM="$chromium" SCREENSHOT_DIR="$artifacts" node "$here/sandbox.test.mjs"
