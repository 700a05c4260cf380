#!/usr/bin/env bash
# What the tests need beyond npm packages: Debian's chromium (browser tests). Idempotent; needs root or sudo.
set -euo pipefail
command -v chromium >/dev/null && exit 0
SUDO=""; [ "$(id -u)" = 0 ] || SUDO="sudo"
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq chromium >/dev/null
