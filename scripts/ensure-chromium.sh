#!/usr/bin/env bash
# Makes sure Debian's Chromium is at /usr/bin/chromium for the browser tests (browser/).
# Browser test tools cannot download a browser of their own here (only the package registries are
# reachable), so the tests drive Debian's build through playwright-core. Idempotent: when Chromium
# is already there this returns at once, without touching apt.
set -euo pipefail

if [[ -x /usr/bin/chromium ]]; then
    exit 0
fi

# apt needs root; say so plainly instead of failing inside apt-get.
if [[ $(id -u) -ne 0 ]]; then
    if command -v sudo >/dev/null 2>&1; then
        SUDO=(sudo)
    else
        echo "ensure-chromium: /usr/bin/chromium is missing; install it as root:" >&2
        echo "  apt-get install -y --no-install-recommends chromium" >&2
        exit 1
    fi
else
    SUDO=()
fi

export DEBIAN_FRONTEND=noninteractive
echo "ensure-chromium: installing Debian's chromium package" >&2

# apt's chatter goes to a log that is shown only when the install fails.
log=$(mktemp)
trap 'rm -f "$log"' EXIT
install() { "${SUDO[@]}" apt-get install -y -qq --no-install-recommends chromium >"$log" 2>&1; }

# A fresh machine has empty (or stale) package lists: try the install first, and update the lists
# only when that fails, so a machine with current lists does not pay for an update.
if ! install; then
    if ! "${SUDO[@]}" apt-get update -qq >"$log" 2>&1 || ! install; then
        cat "$log" >&2
        echo "ensure-chromium: could not install chromium (apt output above)" >&2
        exit 1
    fi
fi

if [[ ! -x /usr/bin/chromium ]]; then
    echo "ensure-chromium: chromium was installed but /usr/bin/chromium is not there" >&2
    exit 1
fi
echo "ensure-chromium: $(/usr/bin/chromium --version 2>/dev/null || echo 'chromium installed')" >&2
