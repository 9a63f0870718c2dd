#!/usr/bin/env bash
# Runs every test Recordwell has: the Rust tests (the store's integration tests with a PostgreSQL
# server) and the web platform's browser tests (Debian's Chromium, driven from Node). Installs what
# a fresh Debian 12 machine lacks (PostgreSQL, Chromium, the npm packages), so that the same
# command works for a developer, on a new machine and in CI (.ci/run calls it).
set -euo pipefail
cd "$(dirname "$0")/.."

section() { printf '\n=== %s ===\n' "$*"; }

# Checked first so that a missing Node fails in a second, not after the Rust tests.
if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
    echo "scripts/test.sh: the browser tests need Node.js 20 or later with npm" >&2
    exit 1
fi

section "PostgreSQL for the integration tests"
# Sourced, not run: it exports RECORDWELL_TEST_POSTGRES here, and a throwaway server that it had
# to start (when nothing usable answers at that address) is stopped when this script exits.
# shellcheck source=scripts/ensure-postgres.sh
source scripts/ensure-postgres.sh
echo "RECORDWELL_TEST_POSTGRES=$RECORDWELL_TEST_POSTGRES"

section "Rust tests"
cargo test --workspace --locked

section "Debug binary for the browser tests"
cargo build --locked -p recordwell
# Ask cargo where it put the binary, so CARGO_TARGET_DIR or a cargo config is respected.
target_dir=$(cargo metadata --format-version 1 --no-deps --locked \
    | node -e 'let s = ""; process.stdin.on("data", (d) => (s += d)).on("end", () => console.log(JSON.parse(s).target_directory))')
export RECORDWELL_BIN="$target_dir/debug/recordwell"
echo "RECORDWELL_BIN=$RECORDWELL_BIN"

section "Chromium"
scripts/ensure-chromium.sh
# (The Debian launcher script prints a harmless shell error on stderr here.)
/usr/bin/chromium --version 2>/dev/null

section "npm packages for the browser tests"
# npm ci deletes and reinstalls node_modules every time; skip it while node_modules was installed
# from this very package.json and package-lock.json (a stamp written after a successful npm ci).
# A failing npm ci fails the run: the browser tests are never skipped.
stamp=browser/node_modules/.recordwell-installed-from
wanted=$(cat browser/package.json browser/package-lock.json | sha256sum | cut -d' ' -f1)
if [[ -f $stamp && $(cat "$stamp") == "$wanted" ]]; then
    echo "node_modules is up to date with package-lock.json"
else
    (cd browser && npm ci --no-audit --no-fund)
    echo "$wanted" >"$stamp"
fi

section "Browser tests"
# The files are named rather than the folder: newer Node versions read `node --test` arguments as
# glob patterns, not folders.
node --test browser/tests/*.test.mjs
