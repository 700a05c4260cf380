#!/usr/bin/env bash
# What the tests need beyond npm packages: Debian's chromium (browser tests), and Debian's Python with pandas,
# matplotlib and nbformat (the "Open in Jupyter" notebook is checked against its schema and its cells are run).
# Idempotent; needs root or sudo.
set -euo pipefail
missing=()
command -v chromium >/dev/null || missing+=(chromium)
# Debian's own python3: a python3 earlier on PATH (pyenv, say) does not see Debian's modules.
/usr/bin/python3 -c "import pandas, matplotlib, nbformat" 2>/dev/null || missing+=(python3-pandas python3-matplotlib python3-nbformat)
[ ${#missing[@]} -eq 0 ] && exit 0
SUDO=""; [ "$(id -u)" = 0 ] || SUDO="sudo"
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${missing[@]}" >/dev/null
