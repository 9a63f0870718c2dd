#!/usr/bin/env bash
# Runs every test Recordwell has. Installs nothing yet: the checking engine and the command line
# need only the Rust toolchain. (Later parts add PostgreSQL, an SMTP sink and Chromium here.)
set -euo pipefail
cd "$(dirname "$0")/.."

cargo test --workspace --locked
