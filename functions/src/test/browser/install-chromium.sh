#!/usr/bin/env bash
# The console's browser tests drive Debian's Chromium through its chromedriver (Selenium Manager cannot download
# browsers here). Installs both once, on a fresh machine (CI runs as root); does nothing when they are present.
set -euo pipefail
if [ -x /usr/bin/chromedriver ] && [ -x /usr/bin/chromium ]; then
  exit 0
fi
if [ "$(id -u)" = "0" ]; then
  sudo=""
elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
  sudo="sudo -n"
else
  echo "The console's browser tests need Debian's chromium and chromium-driver: run as root, or" >&2
  echo "  sudo apt-get install -y chromium chromium-driver" >&2
  exit 1
fi
echo "Installing chromium and chromium-driver for the console's browser tests"
$sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends chromium chromium-driver
