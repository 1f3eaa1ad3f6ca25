#!/usr/bin/env bash
# Install Debian's chromium for the browser tests when it is missing and apt is usable.
# Test tools cannot download browsers here, so the system package is the browser.
set -u
if command -v chromium >/dev/null 2>&1 || command -v chromium-browser >/dev/null 2>&1; then
  exit 0
fi
if command -v apt-get >/dev/null 2>&1 && [ "$(id -u)" = "0" ]; then
  echo "Installing Debian's chromium for the browser tests…"
  apt-get update -qq >/dev/null 2>&1 || true
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-dejavu-core >/dev/null \
    && exit 0
fi
if command -v apt-get >/dev/null 2>&1 && command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
  sudo -n apt-get update -qq >/dev/null 2>&1 || true
  sudo -n env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-dejavu-core \
    >/dev/null && exit 0
fi
echo "NOTICE: chromium is not installed and apt cannot be used: browser tests will be skipped."
exit 0
