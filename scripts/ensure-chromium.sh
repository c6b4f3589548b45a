#!/usr/bin/env bash
# Finds a Chromium for the end-to-end tests, installing Debian's package when it is missing.
# Prints the executable's path on stdout; fails loudly (exit 1) when none can be had.
set -euo pipefail
for candidate in "${CHROMIUM_PATH:-}" /usr/bin/chromium /usr/bin/chromium-browser; do
  if [ -n "$candidate" ] && [ -x "$candidate" ]; then echo "$candidate"; exit 0; fi
done
echo "Chromium not found: installing Debian's chromium package (needs root and apt)…" >&2
if [ "$(id -u)" -ne 0 ] && ! command -v sudo >/dev/null 2>&1; then
  echo "ERROR: cannot install chromium: not root and no sudo. Install it with 'apt-get install chromium' or set CHROMIUM_PATH." >&2
  exit 1
fi
SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
export DEBIAN_FRONTEND=noninteractive
if ! { $SUDO apt-get update -qq && $SUDO apt-get install -y -qq chromium; } >&2; then
  echo "ERROR: 'apt-get install chromium' failed; the end-to-end tests need Chromium. Set CHROMIUM_PATH to an existing build." >&2
  exit 1
fi
[ -x /usr/bin/chromium ] || { echo "ERROR: chromium installed but /usr/bin/chromium is missing" >&2; exit 1; }
echo /usr/bin/chromium
